import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OFFER_CONTENT_FIELDS, offerContentOf } from '@seg/contracts';
import { toOffer } from '../offers/offer.mapper';
import type { Offer } from '../offers/offer.model';
import { OffersRepository } from '../offers/offers.repository';
import type { UpdateOfferCommand } from './update-offer.command';

/** The segment id is valid but its offer row is gone (deleted by hand): a data fault, not a caller's mistake. */
export class OfferMissingError extends Error {
  constructor(segmentId: string) {
    super(`No offer row for segment ${segmentId}: the seed migration's rows were removed from the offers table`);
    this.name = 'OfferMissingError';
  }
}

@Injectable()
export class UpdateOfferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OffersRepository,
  ) {}

  /** Writes the offer and its audit row in one transaction; an edit that changes nothing writes nothing. */
  execute(command: UpdateOfferCommand): Promise<Offer> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.repository.findForUpdate(manager, command.segmentId);
      if (current === null) throw new OfferMissingError(command.segmentId);
      const before = offerContentOf(current);
      const after = { ...before, ...command.changes };
      if (OFFER_CONTENT_FIELDS.every((field) => before[field] === after[field])) return toOffer(current);

      const changedAt = new Date();
      const { id, name } = command.changedBy;
      const updated = { ...current, ...after, updatedAt: changedAt, updatedBy: id };
      await this.repository.updateWithAudit(manager, updated, { segmentId: command.segmentId, changedBy: id, changedByName: name, changedAt, before, after });
      return toOffer(updated);
    });
  }
}
