import { Injectable } from '@nestjs/common';
import { SEGMENT_IDS } from '@seg/ml';
import DataLoader from 'dataloader';
import { requireAuditPageSize, requireSegmentId } from './offer-input';
import { toOffer, toOfferAuditEntry } from './offer.mapper';
import type { Offer, OfferAuditEntry } from './offer.model';
import { OffersRepository } from './offers.repository';

export type OfferLoader = DataLoader<string, Offer | null>;

const segmentOrder = (segmentId: string): number => (SEGMENT_IDS as readonly string[]).indexOf(segmentId);

@Injectable()
export class OffersService {
  constructor(private readonly repository: OffersRepository) {}

  /** One per GraphQL request: every offer looked up in that request, however many segments, is fetched in one query. */
  createLoader(): OfferLoader {
    return new DataLoader<string, Offer | null>(async (segmentIds) => {
      const bySegment = new Map((await this.repository.findBySegmentIds(segmentIds)).map((entity) => [entity.segmentId, toOffer(entity)]));
      return segmentIds.map((segmentId) => bySegment.get(segmentId) ?? null);
    });
  }

  /** Every offer, in the order of the segment definitions (the order the platform shows segments in). */
  async all(): Promise<Offer[]> {
    const offers = (await this.repository.findAll()).map(toOffer);
    return offers.sort((a, b) => segmentOrder(a.segmentId) - segmentOrder(b.segmentId));
  }

  async audit(segmentId: string, first: number): Promise<OfferAuditEntry[]> {
    const entries = await this.repository.findAudit(requireSegmentId(segmentId), requireAuditPageSize(first));
    return entries.map(toOfferAuditEntry);
  }
}
