/**
 * Who was in a segment, as of now or as of a time T (docs/decisions/0020-erasure-and-export.md). The membership in force
 * at T is exact: `assignments` holds each customer's current assignment, written at `scored_at` and unchanged since, so it
 * was in force at T when `scored_at <= T`; otherwise the customer's last `segment_history` row at or before T says which
 * segment they were in and which model version put them there (history is appended at every change of segment, in the
 * same transaction and with the same time as the assignment). PCA positions are not kept per time: as of a past T they are
 * given only when the current assignment was already in force, else null. A customer first assigned after T (or never)
 * is in no segment at T. Erased customers are gone from both tables.
 */

/** A literal of the caller's values: COPY takes no bind parameters (`client.escapeLiteral`). */
export type Literal = (value: string) => string;

export interface MembershipQuery {
  /** One segment, or null for every segment. */
  readonly segmentId: string | null;
  /** ISO-8601 instant; null: now (the statement's snapshot). */
  readonly asOf: string | null;
}

/** The columns of a membership row, as the export writes them (CSV header, NDJSON keys). */
export const MEMBER_COLUMNS = ['customer_id', 'segment_id', 'model_version', 'pca_x', 'pca_y', 'assigned_at', 'as_of'] as const;

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const iso = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', ${ISO_UTC})`;

/** The membership rows in customer id order, optionally after a customer id (keyset pages), as a SELECT. */
export function membershipSql(query: MembershipQuery, literal: Literal, after: string | null = null, limit: number | null = null): string {
  const conditions: string[] = [];
  if (after !== null) conditions.push(`a.customer_id > ${literal(after)}`);
  const tail = `ORDER BY a.customer_id${limit === null ? '' : ` LIMIT ${Math.trunc(limit)}`}`;
  if (query.asOf === null) {
    if (query.segmentId !== null) conditions.push(`a.segment_id = ${literal(query.segmentId)}`);
    return (
      `SELECT a.customer_id, a.segment_id, a.model_version, a.pca_x, a.pca_y, ${iso('a.scored_at')} AS assigned_at, ${iso('now()')} AS as_of ` +
      `FROM assignments a${where(conditions)} ${tail}`
    );
  }
  const at = `${literal(query.asOf)}::timestamptz`;
  const current = `a.scored_at <= ${at}`;
  const pick = (now: string, then: string) => `CASE WHEN ${current} THEN ${now} ELSE ${then} END`;
  conditions.push(`(${current} OR h.to_segment IS NOT NULL)`);
  if (query.segmentId !== null) conditions.push(`${pick('a.segment_id', 'h.to_segment')} = ${literal(query.segmentId)}`);
  // The lateral lookup runs only for the customers whose assignment changed after T (its outer condition gates it).
  return (
    `SELECT a.customer_id, ${pick('a.segment_id', 'h.to_segment')} AS segment_id, ${pick('a.model_version', 'h.model_version')} AS model_version, ` +
    `CASE WHEN ${current} THEN a.pca_x END AS pca_x, CASE WHEN ${current} THEN a.pca_y END AS pca_y, ` +
    `${iso(pick('a.scored_at', 'h.changed_at'))} AS assigned_at, ${iso(at)} AS as_of ` +
    `FROM assignments a LEFT JOIN LATERAL (SELECT s.to_segment, s.model_version, s.changed_at FROM segment_history s ` +
    `WHERE NOT (${current}) AND s.customer_id = a.customer_id AND s.changed_at <= ${at} ORDER BY s.changed_at DESC, s.id DESC LIMIT 1) h ON true` +
    `${where(conditions)} ${tail}`
  );
}

/** The export's COPY: CSV with a header, or NDJSON (one JSON object per line). */
export function membershipCopySql(query: MembershipQuery, format: 'csv' | 'ndjson', literal: Literal): string {
  const select = membershipSql(query, literal);
  if (format === 'csv') return `COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
  const json =
    `json_build_object('customerId', m.customer_id, 'segmentId', m.segment_id, 'modelVersion', m.model_version, ` +
    `'pca', CASE WHEN m.pca_x IS NULL THEN NULL ELSE json_build_object('x', m.pca_x, 'y', m.pca_y) END, 'assignedAt', m.assigned_at, 'asOf', m.as_of)::text`;
  // CSV with a quote and a delimiter JSON text never holds raw (json_build_object escapes every control character): each
  // line is the JSON as is. Text format would double every backslash of an escaped character.
  return `COPY (SELECT ${json} FROM (${select}) m) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
}

/**
 * How many customers moved in and out of each segment between two times: each customer's segment at `from` and at `to`
 * (as `membershipSql` defines it), counted per segment.
 */
export function segmentFlowsSql(from: string, to: string, literal: Literal): string {
  const at = (t: string, alias: string) =>
    `(SELECT s.to_segment FROM segment_history s WHERE s.customer_id = a.customer_id AND s.changed_at <= ${literal(t)}::timestamptz ` +
    `ORDER BY s.changed_at DESC, s.id DESC LIMIT 1) AS ${alias}`;
  const memberships = `SELECT ${at(from, 'before')}, ${at(to, 'after')} FROM assignments a`;
  return (
    `WITH m AS (${memberships}), segments AS (SELECT before AS segment_id FROM m WHERE before IS NOT NULL UNION SELECT after FROM m WHERE after IS NOT NULL) ` +
    `SELECT g.segment_id AS "segmentId", ` +
    `count(*) FILTER (WHERE m.before = g.segment_id)::int AS "membersAtFrom", count(*) FILTER (WHERE m.after = g.segment_id)::int AS "membersAtTo", ` +
    `count(*) FILTER (WHERE m.after = g.segment_id AND m.before IS DISTINCT FROM g.segment_id)::int AS "movedIn", ` +
    `count(*) FILTER (WHERE m.before = g.segment_id AND m.after IS DISTINCT FROM g.segment_id)::int AS "movedOut" ` +
    `FROM segments g JOIN m ON m.before = g.segment_id OR m.after = g.segment_id GROUP BY g.segment_id ORDER BY g.segment_id`
  );
}

function where(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}
