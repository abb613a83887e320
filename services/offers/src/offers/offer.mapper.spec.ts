import type { OfferAuditEntity } from './offer-audit.entity';
import type { OfferEntity } from './offer.entity';
import { toOffer, toOfferAuditEntry } from './offer.mapper';

const content = { title: 'T', description: 'D', product: 'P', channel: 'email', terms: 'Terms' };

describe(toOffer.name, () => {
  it('should carry the segment id, the copy and the last change when an entity is mapped', () => {
    const updatedAt = new Date('2026-02-01T10:00:00Z');
    const entity: OfferEntity = { segmentId: 'revolvers', ...content, updatedAt, updatedBy: 'u-1' };

    expect(toOffer(entity)).toEqual({ segmentId: 'revolvers', ...content, updatedAt, updatedBy: 'u-1' });
  });
});

describe(toOfferAuditEntry.name, () => {
  it('should keep only the copy fields of before and after when the stored jsonb holds more', () => {
    const changedAt = new Date('2026-02-01T10:00:00Z');
    const entity: OfferAuditEntity = {
      id: '9007199254740993',
      segmentId: 'transactors',
      changedBy: 'u-2',
      changedByName: 'Ursula',
      changedAt,
      before: { ...content, legacy: 'dropped' } as OfferAuditEntity['before'],
      after: { ...content, title: 'New' },
    };

    expect(toOfferAuditEntry(entity)).toEqual({
      id: '9007199254740993',
      segmentId: 'transactors',
      changedBy: 'u-2',
      changedByName: 'Ursula',
      changedAt,
      before: content,
      after: { ...content, title: 'New' },
    });
  });
});
