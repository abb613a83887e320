import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { OfferAuditEntity } from './offer-audit.entity';
import { OfferEntity } from './offer.entity';

@Injectable()
export class OffersRepository {
  constructor(
    @InjectRepository(OfferEntity) private readonly offers: Repository<OfferEntity>,
    @InjectRepository(OfferAuditEntity) private readonly audit: Repository<OfferAuditEntity>,
  ) {}

  findAll(): Promise<OfferEntity[]> {
    return this.offers.find();
  }

  findBySegmentIds(segmentIds: readonly string[]): Promise<OfferEntity[]> {
    return this.offers.findBy({ segmentId: In([...segmentIds]) });
  }

  /** The offer row locked until the transaction ends, so concurrent edits are applied and audited one after the other. */
  findForUpdate(manager: EntityManager, segmentId: string): Promise<OfferEntity | null> {
    return manager.findOne(OfferEntity, { where: { segmentId }, lock: { mode: 'pessimistic_write' } });
  }

  async updateWithAudit(manager: EntityManager, offer: OfferEntity, audit: Omit<OfferAuditEntity, 'id'>): Promise<void> {
    const { segmentId, ...columns } = offer;
    await manager.update(OfferEntity, { segmentId }, columns);
    await manager.insert(OfferAuditEntity, audit);
  }

  /** The latest edits first; the id breaks ties between edits in the same microsecond. */
  findAudit(segmentId: string, limit: number): Promise<OfferAuditEntity[]> {
    return this.audit.find({ where: { segmentId }, order: { changedAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
