import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FEATURE_COLUMNS } from '@seg/contracts';
import { float8ArrayBinary, intArrayLiteral, textArrayBinary } from '@seg/db';
import type { DataSource, EntityManager } from 'typeorm';
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

/** What the upsert returns per changed row: where it is in the batch; the written values are the batch's own. */
interface WrittenRow {
  /** 1-based position in the batch (unnest's ordinality). */
  readonly ord: number;
  readonly from_segment: string | null;
  readonly moved: boolean;
}

/**
 * The upsert of the rows of `source` (customer_id, segment_id, cluster, pca_x, pca_y, distance, features_updated_at,
 * features_occurred_at; `$7` the model version, `$8` the time of scoring). A row equal to the stored one (same segment,
 * cluster, position, distance, model) is not rewritten: a replay changes nothing. Nor is a row scored from older
 * features than the stored one's, by their version (occurred_at, then updated_at, as `customer_features` orders them):
 * a re-score page read before a feature event committed must not undo that event's assignment (ON CONFLICT re-checks
 * this against the latest committed row). A row from before the features had a source time has its write time for
 * it. No explanation is stored here (it is derived on read, see `explanationsJson`): only the moves, usually few, get
 * one, in their history rows.
 */
const upsertFrom = (source: string, returning: string): string => `
  INSERT INTO assignments AS t (customer_id, segment_id, cluster, pca_x, pca_y, distance, model_version, scored_at, features_updated_at, features_occurred_at)
  SELECT customer_id, segment_id, cluster, pca_x, pca_y, distance, $7, $8, features_updated_at, features_occurred_at FROM ${source}
  ON CONFLICT (customer_id) DO UPDATE SET segment_id = EXCLUDED.segment_id, cluster = EXCLUDED.cluster, pca_x = EXCLUDED.pca_x,
    pca_y = EXCLUDED.pca_y, distance = EXCLUDED.distance, model_version = EXCLUDED.model_version, scored_at = EXCLUDED.scored_at,
    features_updated_at = EXCLUDED.features_updated_at, features_occurred_at = EXCLUDED.features_occurred_at
  WHERE (t.features_updated_at IS NULL
      OR (EXCLUDED.features_occurred_at, EXCLUDED.features_updated_at) >= (coalesce(t.features_occurred_at, t.features_updated_at), t.features_updated_at))
    AND (t.segment_id, t.cluster, t.pca_x, t.pca_y, t.distance, t.model_version)
    IS DISTINCT FROM (EXCLUDED.segment_id, EXCLUDED.cluster, EXCLUDED.pca_x, EXCLUDED.pca_y, EXCLUDED.distance, EXCLUDED.model_version)
  RETURNING ${returning}`;

/**
 * The upsert of a batch whose customers' segments are not known (feature events), reporting every changed row and
 * whether its segment moved. Every CTE reads the snapshot from before the statement, so `previous` holds the old
 * segments. `$9` chooses which changes come back (all, or only moves). A changed row holds the batch's values, so
 * only its position comes back (not its numbers as text for the driver to parse again).
 */
const UPSERT_SQL = `
WITH src AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $10::text[]::timestamptz[], $11::text[]::timestamptz[])
    WITH ORDINALITY AS s(customer_id, segment_id, cluster, pca_x, pca_y, distance, features_updated_at, features_occurred_at, ord)
),
previous AS (
  SELECT a.customer_id, a.segment_id FROM assignments a WHERE a.customer_id = ANY($1::text[])
),
changed AS (${upsertFrom('src', 't.customer_id, t.segment_id')})
SELECT s.ord::int AS ord, p.segment_id AS from_segment, (p.segment_id IS DISTINCT FROM c.segment_id) AS moved
FROM changed c JOIN src s USING (customer_id) LEFT JOIN previous p USING (customer_id)
WHERE $9::boolean OR p.segment_id IS DISTINCT FROM c.segment_id`;

/**
 * The upsert of a batch read with its customers' segments (a re-score page): the ids of the changed rows only, the
 * moves worked out from the segments read. About a fifth less of PostgreSQL's time than `UPSERT_SQL` (no second
 * index lookup per row, no join back to the batch). A segment read with the page is still the stored one when the
 * row changes: a feature event that rewrote the assignment since carried newer features, so this row is not written.
 */
const UPSERT_KNOWING_SEGMENTS_SQL = upsertFrom(
  `unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $9::text[]::timestamptz[], $10::text[]::timestamptz[])
    AS s(customer_id, segment_id, cluster, pca_x, pca_y, distance, features_updated_at, features_occurred_at)`,
  't.customer_id',
);

/**
 * The history rows of the moves of one upsert, in the same transaction: a replay moves nothing, so it adds nothing.
 * The reasons come as one text, JSON documents separated by RS (U+001E, which JSON text never holds unescaped):
 * no per-element quoting on the way in, no jsonb parse on the way down.
 */
const HISTORY_SQL = `
INSERT INTO segment_history (customer_id, model_version, from_segment, to_segment, changed_at, reason)
SELECT customer_id, $4, from_segment, to_segment, $5, reason
FROM unnest($1::text[], $2::text[], $3::text[], string_to_array($6::text, E'\\x1e')) AS h(customer_id, from_segment, to_segment, reason)`;
const REASON_SEPARATOR = '\x1e';

export interface AssignmentRow {
  readonly customerId: string;
  readonly segmentId: string;
  readonly cluster: number;
  readonly pcaX: number;
  readonly pcaY: number;
  readonly distance: number;
  readonly modelVersion: string;
  readonly scoredAt: Date;
  /** The stored raw features in schema order (null = missing): the explanation is derived from them on read. */
  readonly features: (number | null)[];
}

export interface SegmentChangeRow {
  readonly customerId: string;
  readonly modelVersion: string;
  readonly fromSegment: string | null;
  readonly toSegment: string;
  readonly changedAt: Date;
  /** The explanation of the new assignment, as JSON text. */
  readonly reason: string;
}

export interface PcaPointRow {
  readonly customerId: string;
  readonly segmentId: string;
  readonly x: number;
  readonly y: number;
}

/** The changed rows (by id) of a batch whose previous segments are known, as `UPSERT_SQL` reports them. */
function changesAgainst(scored: ScoredBatch, previous: readonly (string | null)[], changed: readonly { customer_id: string }[], announce: 'all' | 'moves'): WrittenRow[] {
  const position = new Map(scored.customerIds.map((id, i) => [id, i]));
  const written: WrittenRow[] = [];
  for (const { customer_id } of changed) {
    const i = position.get(customer_id);
    if (i === undefined) throw new Error(`The assignments upsert reported customer ${customer_id}, not in its batch`);
    const moved = previous[i] !== scored.segmentIds[i];
    if (moved || announce === 'all') written.push({ ord: i + 1, from_segment: previous[i], moved });
  }
  return written;
}

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes a scored batch and the history rows of its moves in the caller's transaction (two statements:
   * only the moves are explained); returns every change (`announce: 'all'`) or only the segment moves.
   */
  async upsert(manager: EntityManager, scored: ScoredBatch, modelVersion: string, scoredAt: Date, announce: 'all' | 'moves'): Promise<ChangedAssignment[]> {
    if (scored.customerIds.length === 0) return [];
    const rows = [
      textArrayBinary(scored.customerIds),
      textArrayBinary(scored.segmentIds),
      intArrayLiteral(scored.clusters),
      float8ArrayBinary(scored.pcaX),
      float8ArrayBinary(scored.pcaY),
      float8ArrayBinary(scored.distance),
      modelVersion,
      scoredAt,
    ];
    // Binary text[], cast in SQL: no quoting of a million stamps in node, and PostgreSQL parses each one as before.
    const stamps = (times: readonly string[]) => textArrayBinary(times.length > 0 ? times : scored.customerIds.map(() => null));
    const version = [stamps(scored.featuresUpdatedAt), stamps(scored.featuresOccurredAt)];
    const written: WrittenRow[] = scored.currentSegments
      ? changesAgainst(scored, scored.currentSegments, await manager.query(UPSERT_KNOWING_SEGMENTS_SQL, [...rows, ...version]), announce)
      : await manager.query(UPSERT_SQL, [...rows, announce === 'all', ...version]);
    const moves = written.filter((row) => row.moved);
    if (moves.length > 0) {
      await manager.query(HISTORY_SQL, [
        textArrayBinary(moves.map((row) => scored.customerIds[row.ord - 1])),
        textArrayBinary(moves.map((row) => row.from_segment)),
        textArrayBinary(moves.map((row) => scored.segmentIds[row.ord - 1])),
        modelVersion,
        scoredAt,
        scored.explanationsJson(moves.map((row) => row.ord - 1)).join(REASON_SEPARATOR),
      ]);
    }
    return written.map(({ ord, moved }) => {
      const i = ord - 1;
      return { customer_id: scored.customerIds[i], segment_id: scored.segmentIds[i], pca_x: scored.pcaX[i], pca_y: scored.pcaY[i], distance: scored.distance[i], moved };
    });
  }

  /** One query for any number of customers (a DataLoader batch). */
  byCustomerIds(customerIds: readonly string[]): Promise<AssignmentRow[]> {
    return this.dataSource.query(
      `SELECT a.customer_id AS "customerId", a.segment_id AS "segmentId", a.cluster, a.pca_x AS "pcaX", a.pca_y AS "pcaY", a.distance,
              a.model_version AS "modelVersion", a.scored_at AS "scoredAt", ARRAY[${FEATURE_COLUMNS.map((c) => `f.${c}`).join(', ')}] AS features
         FROM assignments a JOIN customer_features f USING (customer_id) WHERE a.customer_id = ANY($1::text[])`,
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
