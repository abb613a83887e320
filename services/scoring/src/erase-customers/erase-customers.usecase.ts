import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErasureGuard } from '@seg/db';
import type { DataSource } from 'typeorm';

/**
 * Deletes what scoring holds of erased customers (docs/decisions/0020-erasure-and-export.md): their features copy, their
 * assignment and their segment history, in one transaction that first marks them erased (`ErasureGuard`), so a replay
 * of `customers.features.v1` or a re-score page read before cannot bring them back. Called for a tombstone on the
 * features topic and for a `customers.erased.v1` event alike; idempotent. The drift population forgets them at its next
 * refresh (counts only).
 */
@Injectable()
export class EraseCustomersUseCase {
  private readonly logger = new Logger(EraseCustomersUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly erasures: ErasureGuard,
  ) {}

  async execute(customerIds: readonly string[]): Promise<void> {
    const fresh = await this.erasures.eraseAndDelete(this.dataSource, customerIds, async (manager, ids) => {
      for (const table of ['segment_history', 'assignments', 'customer_features']) {
        await manager.query(`DELETE FROM ${table} WHERE customer_id = ANY($1::text[])`, [ids]);
      }
    });
    if (fresh > 0) this.logger.log(`Erased ${fresh} customer(s) on request`);
  }
}
