import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FEATURE_COLUMNS } from '@seg/contracts';
import { bulkUpsert, ErasureGuard, withoutPositions, type UpsertCounts } from '@seg/db';
import type { Matrix } from '@seg/ml';
import type { DataSource } from 'typeorm';
import { CUSTOMER_FEATURE_COLUMNS, rowsToMatrix, VERSION_COLUMNS, type CustomerFeatureRow } from './feature-columns';

@Injectable()
export class CustomerFeaturesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly erasures: ErasureGuard,
  ) {}

  /**
   * One statement per chunk; a customer whose features and version are unchanged is not rewritten, nor one whose
   * stored state is newer (stale: counted), nor a customer erased on request (left out, whatever the record's time).
   */
  upsert(rows: readonly CustomerFeatureRow[]): Promise<UpsertCounts> {
    return this.dataSource.transaction(async (manager) => {
      const erased = await this.erasures.admit(manager, rows.map((row) => String(row.customer_id)));
      return bulkUpsert(manager, {
        table: 'customer_features',
        columns: CUSTOMER_FEATURE_COLUMNS,
        conflictColumns: ['customer_id'],
        versionColumns: VERSION_COLUMNS,
        rows: withoutPositions(rows, erased),
      });
    });
  }

  /**
   * Every customer in one query, in customer id order: the fit (K-Means++ seeding, the data fingerprint)
   * depends on the row order, so the same data must always come back in the same order.
   */
  async loadTrainingData(): Promise<{ matrix: Matrix; customerIds: string[] }> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT customer_id, ${FEATURE_COLUMNS.join(', ')} FROM customer_features ORDER BY customer_id`,
    );
    return rowsToMatrix(rows);
  }
}
