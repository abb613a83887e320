import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { FEATURE_COLUMNS, featureRowsToBatch, type FeatureBatch } from './feature-batch';
import { featurePageFromCopy } from './feature-page.copy';
import { float8ArrayBinary, textArrayBinary } from './sql-arrays';

const WRITTEN = [...FEATURE_COLUMNS, 'updated_at', 'occurred_at'];

/**
 * Inserts new customers and updates those whose features or version changed, but never with an older state than
 * the stored one by (occurred_at, updated_at): the source's time, then ingestion's write (a replay of an earlier
 * record after a later one, a late event); returns who changed. ON CONFLICT compares with the latest committed row.
 */
const upsertSql = (returning: string): string =>
  `INSERT INTO customer_features AS t (customer_id, ${WRITTEN.join(', ')}) ` +
  `SELECT * FROM unnest($1::text[], ${FEATURE_COLUMNS.map((_, j) => `$${j + 2}::float8[]`).join(', ')}, ` +
  `$${FEATURE_COLUMNS.length + 2}::text[]::timestamptz[], $${FEATURE_COLUMNS.length + 3}::text[]::timestamptz[]) ` +
  `ON CONFLICT (customer_id) DO UPDATE SET ${WRITTEN.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} ` +
  `WHERE (EXCLUDED.occurred_at, EXCLUDED.updated_at) >= (t.occurred_at, t.updated_at) AND (${WRITTEN.map((c) => `t.${c}`).join(', ')}) ` +
  `IS DISTINCT FROM (${WRITTEN.map((c) => `EXCLUDED.${c}`).join(', ')}) ` +
  `RETURNING ${returning}`;

const UPSERT_SQL = upsertSql('t.customer_id');

/**
 * The same upsert, also returning the features a changed customer had before as one float8[] (NULL for a new
 * customer: one field to parse, not seventeen), for the drift monitor's population counts: every CTE reads the
 * snapshot from before the statement, so `previous` holds the old rows. Costs an index probe per customer, paid
 * only with monitoring on.
 */
const UPSERT_RETURNING_PREVIOUS_SQL =
  `WITH previous AS (SELECT customer_id, ${FEATURE_COLUMNS.join(', ')} FROM customer_features WHERE customer_id = ANY($1::text[])), ` +
  `changed AS (${upsertSql('t.customer_id')}) ` +
  `SELECT c.customer_id, CASE WHEN p.customer_id IS NULL THEN NULL ELSE ARRAY[${FEATURE_COLUMNS.map((col) => `p.${col}`).join(', ')}]::float8[] END AS previous ` +
  `FROM changed c LEFT JOIN previous p USING (customer_id)`;

/** What the upsert changed: the customers, and the features the existing ones among them had before. */
export interface FeatureChanges {
  readonly changed: Set<string>;
  /** The previous features of the changed customers that existed before, in the order returned. */
  readonly previous: FeatureBatch;
}

@Injectable()
export class CustomerFeaturesRepository {
  /** One statement for the batch (in the caller's transaction); the ids of the customers inserted or changed. */
  async upsert(manager: EntityManager, batch: FeatureBatch): Promise<Set<string>> {
    if (batch.customerIds.length === 0) return new Set();
    const changed: { customer_id: string }[] = await manager.query(UPSERT_SQL, upsertParameters(batch));
    return new Set(changed.map((row) => row.customer_id));
  }

  /** `upsert`, and the previous features of the changed customers that existed (for the population counts). */
  async upsertReturningPrevious(manager: EntityManager, batch: FeatureBatch): Promise<FeatureChanges> {
    if (batch.customerIds.length === 0) return { changed: new Set(), previous: featureRowsToBatch([]) };
    const rows: { customer_id: string; previous: (number | null)[] | null }[] = await manager.query(UPSERT_RETURNING_PREVIOUS_SQL, upsertParameters(batch));
    const existed = rows.filter((row) => row.previous !== null);
    return {
      changed: new Set(rows.map((row) => row.customer_id)),
      previous: featureRowsToBatch(existed.map((row) => [row.customer_id, ...(row.previous as (number | null)[])])),
    };
  }

  /** The next keyset page of every stored customer after `cursor` (null: from the start), read like `pageNotScoredBy`; no current segments. */
  async pageAfter(runner: QueryRunner, cursor: string | null, limit: number): Promise<FeatureBatch> {
    return this.copyPage(runner, limit, (after) =>
      `COPY (SELECT f.customer_id, ${FEATURE_COLUMNS.map((c) => `f.${c}`).join(', ')}, f.updated_at::text, f.occurred_at::text, NULL::text FROM customer_features f ` +
      `WHERE f.customer_id > ${after} ORDER BY f.customer_id LIMIT ${limit}) TO STDOUT (FORMAT binary)`, cursor);
  }

  /**
   * The next keyset page after `cursor` (null: from the start) of the customers that have no assignment by
   * `modelVersion`, in customer id order, read on the runner's own connection: a page of 50,000 rows becomes
   * typed arrays without a row object. Skipping the customers already on that model makes a job
   * after a new promotion touch everyone and a catch-up job only the few a write of an older model left behind.
   * Both keys start at the cursor and the model is compared after the join: with the model in the join condition,
   * PostgreSQL chose an anti-join whose scan of `assignments` ran to the end of the table for every page (a re-score
   * of 1,000,000 customers did not finish a page in 8 minutes). Read as a binary COPY: node-postgres reads query
   * results as text only (asked for binary, float8 columns arrive as 0 or NaN), and parsing 20 text fields per
   * customer took ~7.5 s of node's time per million, about a third of its share of a re-score. COPY takes no parameters, so the
   * values are escaped literals.
   */
  async pageNotScoredBy(runner: QueryRunner, modelVersion: string, cursor: string | null, limit: number): Promise<FeatureBatch> {
    return this.copyPage(
      runner,
      limit,
      (after, client) =>
        // The version travels with the features: the assignment written from them must not replace one from newer features.
        `COPY (SELECT f.customer_id, ${FEATURE_COLUMNS.map((c) => `f.${c}`).join(', ')}, f.updated_at::text, f.occurred_at::text, a.segment_id FROM customer_features f ` +
        `LEFT JOIN assignments a ON a.customer_id = f.customer_id AND a.customer_id > ${after} ` +
        `WHERE f.customer_id > ${after} AND a.model_version IS DISTINCT FROM ${client.escapeLiteral(modelVersion)} ` +
        `ORDER BY f.customer_id LIMIT ${limit}) TO STDOUT (FORMAT binary)`,
      cursor,
    );
  }

  /** Runs the binary COPY `sql(after, client)` on the runner's connection and decodes it as a feature page. */
  private async copyPage(runner: QueryRunner, limit: number, sql: (after: string, client: PoolClient) => string, cursor: string | null): Promise<FeatureBatch> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`A page holds a positive whole number of customers, not ${limit}`);
    const client = (await runner.connect()) as PoolClient;
    // Ids are never empty (contracts), so '' starts before the first.
    const copy = client.query(copyTo(sql(client.escapeLiteral(cursor ?? ''), client)));
    const chunks: Buffer[] = [];
    for await (const chunk of copy) chunks.push(chunk as Buffer);
    return featurePageFromCopy(Buffer.concat(chunks));
  }
}

function upsertParameters(batch: FeatureBatch): unknown[] {
  const { data, cols } = batch.matrix;
  return [
    textArrayBinary(batch.customerIds),
    ...FEATURE_COLUMNS.map((_, j) => float8ArrayBinary(data, cols, j)),
    textArrayBinary(batch.updatedAt),
    textArrayBinary(batch.occurredAt),
  ];
}
