import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FEATURE_COLUMNS } from '@seg/contracts';
import { bulkUpsert, type BulkUpsertOptions, type UpsertCounts } from '@seg/db';
import { In, MoreThan, type EntityManager, type Repository } from 'typeorm';
import { CUSTOMER_COLUMNS, OCCURRED_AT_COLUMN, toStampValues, type CustomerRow, type CustomerStamp } from './customer-columns';
import { CustomerEntity } from './customer.entity';

@Injectable()
export class CustomersRepository {
  constructor(@InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>) {}

  /**
   * Keeps each customer's newest state by the source's time: inserts new customers and rewrites the ones whose
   * features differ, unless the stored state occurred later (stale: skipped, counted). Two states of the same time go
   * to the later write. A customer sent again with the same features keeps its row, its source, batch and time stamp
   * (not a change); a newer source time of the same features moves only `occurred_at` forward, so a late event dated
   * between the two is stale. `stamp` is written on every inserted or updated row, bound once for all of them, as is
   * `sharedOccurredAt` for rows without their own source time (null when every row has one).
   * `announce` inserts a row elsewhere (the outbox) for each inserted or updated customer in the same statement.
   */
  upsert(
    manager: EntityManager,
    rows: readonly CustomerRow[],
    stamp: CustomerStamp,
    sharedOccurredAt: string | null,
    announce: BulkUpsertOptions<string>['insertChanged'],
  ): Promise<UpsertCounts> {
    const sharedValues: Record<string, unknown> = toStampValues(stamp);
    if (sharedOccurredAt !== null) sharedValues[OCCURRED_AT_COLUMN] = sharedOccurredAt;
    return bulkUpsert(manager, {
      table: 'customers',
      columns: CUSTOMER_COLUMNS,
      conflictColumns: ['customer_id'],
      compareColumns: FEATURE_COLUMNS,
      versionColumns: [OCCURRED_AT_COLUMN, 'updated_at'],
      rows,
      sharedValues,
      insertChanged: announce,
    });
  }

  findByIds(ids: readonly string[]): Promise<CustomerEntity[]> {
    return this.customers.findBy({ customerId: In([...ids]) });
  }

  /** Up to `limit` customers after `afterId` in id order (keyset pagination: no OFFSET scan). */
  findPage(limit: number, afterId: string | null): Promise<CustomerEntity[]> {
    return this.customers.find({
      where: afterId === null ? {} : { customerId: MoreThan(afterId) },
      order: { customerId: 'ASC' },
      take: limit,
    });
  }

  count(): Promise<number> {
    return this.customers.count();
  }
}
