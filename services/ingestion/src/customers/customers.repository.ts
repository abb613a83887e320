import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { bulkUpsert, type BulkUpsertOptions, type UpsertCounts } from '@seg/db';
import { In, MoreThan, type EntityManager, type Repository } from 'typeorm';
import { CUSTOMER_COLUMNS, FEATURE_COLUMNS, toStampValues, type CustomerRow, type CustomerStamp } from './customer-columns';
import { CustomerEntity } from './customer.entity';

@Injectable()
export class CustomersRepository {
  constructor(@InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>) {}

  /**
   * Inserts new customers and rewrites the ones whose features differ; a customer sent again with the same
   * features keeps its row, its source, batch and time stamp (no new row version, not a change).
   * `stamp` is written on every inserted or updated row, bound once for all of them.
   * `announce` inserts a row elsewhere (the outbox) for each inserted or updated customer in the same statement.
   */
  upsert(
    manager: EntityManager,
    rows: readonly CustomerRow[],
    stamp: CustomerStamp,
    announce: BulkUpsertOptions<string>['insertChanged'],
  ): Promise<UpsertCounts> {
    return bulkUpsert(manager, {
      table: 'customers',
      columns: CUSTOMER_COLUMNS,
      conflictColumns: ['customer_id'],
      compareColumns: FEATURE_COLUMNS,
      rows,
      sharedValues: toStampValues(stamp),
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
