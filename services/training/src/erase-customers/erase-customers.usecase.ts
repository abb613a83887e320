import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErasureGuard } from '@seg/db';
import type { DataSource } from 'typeorm';
import { withoutCustomers, type ReviewMap } from '../review-model/challenger-review';

/**
 * Deletes what training holds of erased customers (docs/decisions/0020-erasure-and-export.md): their row of the feature
 * copy, so the next run trains without them, and their points in the challenger-review overlays (`review_maps`: id, PCA
 * position, segments), in one transaction that first marks them erased, so a replay of `customers.features.v1` does not
 * bring them back. The runs' other results are aggregates (metrics, move matrices, shares). Idempotent.
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
      await manager.query(`DELETE FROM customer_features WHERE customer_id = ANY($1::text[])`, [ids]);
      const maps: { training_run_id: string; points: ReviewMap }[] = await manager.query(
        `SELECT training_run_id, points FROM review_maps WHERE points -> 'customerIds' ?| $1::text[] FOR UPDATE`,
        [ids],
      );
      for (const map of maps) {
        await manager.query(`UPDATE review_maps SET points = $2 WHERE training_run_id = $1`, [map.training_run_id, JSON.stringify(withoutCustomers(map.points, new Set(ids)))]);
      }
    });
    if (fresh > 0) this.logger.log(`Erased ${fresh} customer(s) on request`);
  }
}
