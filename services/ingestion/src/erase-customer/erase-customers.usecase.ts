import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { topicName, Topics, type CustomerErasedEvent } from '@seg/contracts';
import { ErasureGuard } from '@seg/db';
import type { DataSource } from 'typeorm';
import { INGESTION_CONFIG, type IngestionConfig } from '../config/ingestion.config';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import type { EraseCustomersCommand } from './erase-customers.command';

/** What an erasure did for one customer. */
export interface CustomerErasureResult {
  readonly customerId: string;
  /** The keyed hash the audit and every service keep instead of the id. */
  readonly idHash: string;
  /** False when the customer had been erased before: nothing more was done or announced. */
  readonly erased: boolean;
  /** Ingestion's rows deleted now: the customer (0 or 1) and its rejected CSV rows. */
  readonly customerRows: number;
  readonly rejectedRows: number;
  readonly erasedAt: Date;
}

/**
 * Erases customers everywhere (docs/decisions/0020-erasure-and-export.md). ONE transaction: the erasure lock and the
 * markers (`ErasureGuard`: every later write skips these ids), ingestion's customer and rejected rows deleted, and in
 * the outbox a tombstone on `customers.features.v1` and a `customers.erased.v1` event per customer (after every record
 * queued before), and the audit row (the id's keyed hash, never the id). The relay publishes after the commit; training
 * and scoring delete what they hold on either record. Erasing an erased customer again changes and announces nothing.
 */
@Injectable()
export class EraseCustomersUseCase {
  private readonly featuresTopic: string;
  private readonly erasedTopic: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly erasures: ErasureGuard,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    @Inject(INGESTION_CONFIG) config: IngestionConfig,
  ) {
    this.featuresTopic = topicName(config.settings.INGESTION_TOPIC_PREFIX, Topics.customersFeatures);
    this.erasedTopic = topicName(config.settings.INGESTION_TOPIC_PREFIX, Topics.customersErased);
  }

  async execute(command: EraseCustomersCommand): Promise<CustomerErasureResult[]> {
    const erasedAt = new Date();
    const ids = command.customerIds;
    const results = await this.dataSource.transaction(async (manager) => {
      const fresh = new Set(await this.erasures.erase(manager, ids));
      const customers: { customer_id: string }[] = await manager.query(
        `WITH deleted AS (DELETE FROM customers WHERE customer_id = ANY($1::text[]) RETURNING customer_id) SELECT customer_id FROM deleted`,
        [ids],
      );
      const rejected: { customer_id: string; n: number }[] = await manager.query(
        `WITH deleted AS (DELETE FROM rejected_rows WHERE customer_id = ANY($1::text[]) RETURNING customer_id) SELECT customer_id, count(*)::int AS n FROM deleted GROUP BY customer_id`,
        [ids],
      );
      const customerRows = new Set(customers.map((row) => row.customer_id));
      const rejectedRows = new Map(rejected.map((row) => [row.customer_id, row.n]));
      const erasedNow = ids.filter((id) => fresh.has(id));
      await this.outbox.enqueue(
        manager,
        this.featuresTopic,
        erasedNow.map((id) => ({ key: id, payload: null })),
      );
      await this.outbox.enqueue(
        manager,
        this.erasedTopic,
        erasedNow.map((id) => {
          const event: CustomerErasedEvent = {
            customerId: id,
            reason: command.reason,
            erasedAt: erasedAt.toISOString(),
            erasedBy: command.erasedBy,
          };
          return { key: id, payload: JSON.stringify(event) };
        }),
      );
      const outcomes = ids.map((id) => ({
        customerId: id,
        idHash: this.erasures.idHash(id),
        erased: fresh.has(id),
        customerRows: customerRows.has(id) ? 1 : 0,
        rejectedRows: rejectedRows.get(id) ?? 0,
        erasedAt,
      }));
      const audited = outcomes.filter((outcome) => outcome.erased);
      if (audited.length > 0) {
        await manager.query(
          `INSERT INTO erasure_audit (id_hash, reason, erased_by, erased_at, customer_rows, rejected_rows)
           SELECT h, $2, $3, $4, c, r FROM unnest($1::int8[], $5::int[], $6::int[]) AS u(h, c, r)`,
          [
            audited.map((o) => o.idHash),
            command.reason,
            command.erasedBy,
            erasedAt,
            audited.map((o) => o.customerRows),
            audited.map((o) => o.rejectedRows),
          ],
        );
      }
      return outcomes;
    });
    this.relay.trigger();
    return results;
  }
}
