import { offerContentOf } from '@seg/contracts';
import type { OfferAuditEntity } from './offer-audit.entity';
import type { OfferEntity } from './offer.entity';
import type { Offer, OfferAuditEntry } from './offer.model';

export function toOffer(entity: OfferEntity): Offer {
  return {
    segmentId: entity.segmentId,
    ...offerContentOf(entity),
    updatedAt: entity.updatedAt,
    updatedBy: entity.updatedBy,
  };
}

export function toOfferAuditEntry(entity: OfferAuditEntity): OfferAuditEntry {
  return {
    id: entity.id,
    segmentId: entity.segmentId,
    changedBy: entity.changedBy,
    changedByName: entity.changedByName,
    changedAt: entity.changedAt,
    before: offerContentOf(entity.before),
    after: offerContentOf(entity.after),
  };
}
