import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryRunner } from 'typeorm';
import { FEATURE_COLUMNS, featurePageToBatch, type FeatureBatch, type FeaturePageRow } from './feature-batch';
import { float8ArrayBinary, textArrayBinary, textArrayLiteral } from './sql-arrays';

const COLUMN_LIST = ['customer_id', ...FEATURE_COLUMNS, 'updated_at'].join(', ');

/**
 * Inserts new customers and updates those whose features or time stamp changed, but never with an older
 * state than the stored one (a replay of an earlier record after a later one); returns who changed.
 */
const UPSERT_SQL =
  `INSERT INTO customer_features AS t (${COLUMN_LIST}) ` +
  `SELECT * FROM unnest($1::text[], ${FEATURE_COLUMNS.map((_, j) => `$${j + 2}::float8[]`).join(', ')}, $${FEATURE_COLUMNS.length + 2}::timestamptz[]) ` +
  `ON CONFLICT (customer_id) DO UPDATE SET ${[...FEATURE_COLUMNS, 'updated_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')} ` +
  `WHERE EXCLUDED.updated_at >= t.updated_at AND (${[...FEATURE_COLUMNS, 'updated_at'].map((c) => `t.${c}`).join(', ')}) ` +
  `IS DISTINCT FROM (${[...FEATURE_COLUMNS, 'updated_at'].map((c) => `EXCLUDED.${c}`).join(', ')}) ` +
  `RETURNING t.customer_id`;

@Injectable()
export class CustomerFeaturesRepository {
  /** One statement for the batch (in the caller's transaction); the ids of the customers inserted or changed. */
  async upsert(manager: EntityManager, batch: FeatureBatch): Promise<Set<string>> {
    if (batch.customerIds.length === 0) return new Set();
    const { data, cols } = batch.matrix;
    const parameters = [
      textArrayBinary(batch.customerIds),
      ...FEATURE_COLUMNS.map((_, j) => float8ArrayBinary(data, cols, j)),
      textArrayLiteral(batch.updatedAt),
    ];
    const changed: { customer_id: string }[] = await manager.query(UPSERT_SQL, parameters);
    return new Set(changed.map((row) => row.customer_id));
  }

  /**
   * The next keyset page after `cursor` (null: from the start) of the customers that have no assignment by
   * `modelVersion`, in customer id order, read in array mode on the runner's own connection: a page of 50,000
   * rows becomes typed arrays without a row object. Skipping the customers already on that model makes a job
   * after a new promotion touch everyone and a catch-up job only the few a write of an older model left behind.
   * Both keys start at the cursor and the model is compared after the join: with the model in the join condition,
   * PostgreSQL chose an anti-join whose scan of `assignments` ran to the end of the table for every page (a re-score
   * of 1,000,000 customers did not finish a page in 8 minutes). The features come as one `array_send` of a float8[]
   * per row: node-postgres reads every result column as text (asked for binary, float8 columns arrive as 0 or NaN),
   * and 17 numbers printed by PostgreSQL and parsed back by node cost both sides more than one bytea each.
   */
  async pageNotScoredBy(runner: QueryRunner, modelVersion: string, cursor: string | null, limit: number): Promise<FeatureBatch> {
    const client = (await runner.connect()) as { query(config: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: FeaturePageRow[] }> };
    const { rows } = await client.query({
      // updated_at travels with the features: the assignment written from them must not replace one from newer features.
      text:
        `SELECT f.customer_id::text, array_send(ARRAY[${FEATURE_COLUMNS.map((c) => `f.${c}`).join(', ')}]), f.updated_at::text, a.segment_id FROM customer_features f ` +
        `LEFT JOIN assignments a ON a.customer_id = f.customer_id AND a.customer_id > $1 ` +
        `WHERE f.customer_id > $1 AND a.model_version IS DISTINCT FROM $2 ORDER BY f.customer_id LIMIT $3`,
      // Ids are never empty (contracts), so '' starts before the first.
      values: [cursor ?? '', modelVersion, limit],
      rowMode: 'array',
    });
    return featurePageToBatch(rows);
  }
}
