import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { floatArrayLiteral, intArrayLiteral, textArrayLiteral } from '../customer-features/sql-arrays';
import type { ScoredBatch } from './scored-batch';

/** What a write reports per assignment it inserted or changed. */
export interface ChangedAssignment {
  readonly customer_id: string;
  readonly segment_id: string;
  readonly pca_x: number;
  readonly pca_y: number;
  readonly distance: number;
  /** The segment differs from the stored one (or the customer is new): a history row was appended. */
  readonly moved: boolean;
}

/**
 * One statement per batch: the assignments upsert and the history rows of the customers whose segment
 * changed. Every CTE reads the snapshot from before the statement, so `previous` holds the old segments.
 * A row equal to the stored one (same segment, cluster, position, distance, model) is not rewritten and
 * adds no history: a replay changes nothing. `$10` chooses which changes come back (all, or only moves).
 */
const UPSERT_SQL = `
WITH src AS (
  SELECT * FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::int[]), unnest($4::float8[]), unnest($5::float8[]),
    unnest($6::float8[]), jsonb_array_elements($7::jsonb)) AS s(customer_id, segment_id, cluster, pca_x, pca_y, distance, explanation)
),
previous AS (
  SELECT a.customer_id, a.segment_id FROM assignments a WHERE a.customer_id = ANY($1::text[])
),
changed AS (
  INSERT INTO assignments AS t (customer_id, segment_id, cluster, pca_x, pca_y, distance, model_version, explanation, scored_at)
  SELECT customer_id, segment_id, cluster, pca_x, pca_y, distance, $8, explanation, $9 FROM src
  ON CONFLICT (customer_id) DO UPDATE SET segment_id = EXCLUDED.segment_id, cluster = EXCLUDED.cluster, pca_x = EXCLUDED.pca_x,
    pca_y = EXCLUDED.pca_y, distance = EXCLUDED.distance, model_version = EXCLUDED.model_version, explanation = EXCLUDED.explanation,
    scored_at = EXCLUDED.scored_at
  WHERE (t.segment_id, t.cluster, t.pca_x, t.pca_y, t.distance, t.model_version)
    IS DISTINCT FROM (EXCLUDED.segment_id, EXCLUDED.cluster, EXCLUDED.pca_x, EXCLUDED.pca_y, EXCLUDED.distance, EXCLUDED.model_version)
  RETURNING t.customer_id, t.segment_id, t.pca_x, t.pca_y, t.distance, t.model_version, t.explanation, t.scored_at
),
moved AS (
  SELECT c.*, p.segment_id AS from_segment FROM changed c LEFT JOIN previous p USING (customer_id)
  WHERE p.segment_id IS DISTINCT FROM c.segment_id
),
history AS (
  INSERT INTO segment_history (customer_id, model_version, from_segment, to_segment, changed_at, reason)
  SELECT customer_id, model_version, from_segment, segment_id, scored_at, explanation FROM moved
)
SELECT c.customer_id, c.segment_id, c.pca_x, c.pca_y, c.distance, (m.customer_id IS NOT NULL) AS moved
FROM changed c LEFT JOIN moved m USING (customer_id)
WHERE $10::boolean OR m.customer_id IS NOT NULL`;

export interface AssignmentRow {
  readonly customerId: string;
  readonly segmentId: string;
  readonly cluster: number;
  readonly pcaX: number;
  readonly pcaY: number;
  readonly distance: number;
  readonly modelVersion: string;
  readonly explanation: unknown;
  readonly scoredAt: Date;
}

export interface SegmentChangeRow {
  readonly customerId: string;
  readonly modelVersion: string;
  readonly fromSegment: string | null;
  readonly toSegment: string;
  readonly changedAt: Date;
  readonly reason: unknown;
}

export interface PcaPointRow {
  readonly customerId: string;
  readonly segmentId: string;
  readonly x: number;
  readonly y: number;
}

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes a scored batch in the caller's transaction; returns every change (`announce: 'all'`) or only the segment moves. */
  async upsert(manager: EntityManager, scored: ScoredBatch, modelVersion: string, scoredAt: Date, announce: 'all' | 'moves'): Promise<ChangedAssignment[]> {
    if (scored.customerIds.length === 0) return [];
    return manager.query(UPSERT_SQL, [
      textArrayLiteral(scored.customerIds),
      textArrayLiteral(scored.segmentIds),
      intArrayLiteral(scored.clusters),
      floatArrayLiteral(scored.pcaX),
      floatArrayLiteral(scored.pcaY),
      floatArrayLiteral(scored.distance),
      scored.explanationsJson,
      modelVersion,
      scoredAt,
      announce === 'all',
    ]);
  }

  /** One query for any number of customers (a DataLoader batch). */
  byCustomerIds(customerIds: readonly string[]): Promise<AssignmentRow[]> {
    return this.dataSource.query(
      `SELECT customer_id AS "customerId", segment_id AS "segmentId", cluster, pca_x AS "pcaX", pca_y AS "pcaY", distance,
              model_version AS "modelVersion", explanation, scored_at AS "scoredAt"
         FROM assignments WHERE customer_id = ANY($1::text[])`,
      [[...customerIds]],
    );
  }

  /** Every customer's changes, oldest first; one query for any number of customers. */
  historyOf(customerIds: readonly string[]): Promise<SegmentChangeRow[]> {
    return this.dataSource.query(
      `SELECT customer_id AS "customerId", model_version AS "modelVersion", from_segment AS "fromSegment", to_segment AS "toSegment",
              changed_at AS "changedAt", reason
         FROM segment_history WHERE customer_id = ANY($1::text[]) ORDER BY customer_id, changed_at, id`,
      [[...customerIds]],
    );
  }

  /** Customers per segment among those scored by `modelVersion`: one grouped query. */
  async sizes(modelVersion: string): Promise<Map<string, number>> {
    const rows: { segment_id: string; n: number }[] = await this.dataSource.query(
      `SELECT segment_id, count(*)::int AS n FROM assignments WHERE model_version = $1 GROUP BY segment_id`,
      [modelVersion],
    );
    return new Map(rows.map((row) => [row.segment_id, row.n]));
  }

  /**
   * A page of the PCA map in customer id order, optionally of one segment: one index-ordered query, rows in
   * array mode (no entity hydration, no per-row object before the GraphQL one).
   */
  async pcaPoints(segmentId: string | null, limit: number, offset: number): Promise<PcaPointRow[]> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      const client = (await runner.connect()) as { query(config: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: [string, string, number, number][] }> };
      const { rows } = await client.query({
        text:
          segmentId === null
            ? `SELECT customer_id, segment_id, pca_x, pca_y FROM assignments ORDER BY customer_id LIMIT $1 OFFSET $2`
            : `SELECT customer_id, segment_id, pca_x, pca_y FROM assignments WHERE segment_id = $3 ORDER BY customer_id LIMIT $1 OFFSET $2`,
        values: segmentId === null ? [limit, offset] : [limit, offset, segmentId],
        rowMode: 'array',
      });
      return rows.map(([customerId, segment, x, y]) => ({ customerId, segmentId: segment, x, y }));
    } finally {
      await runner.release();
    }
  }
}
