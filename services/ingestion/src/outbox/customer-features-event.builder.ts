import { quoteIdentifier } from '@seg/db';
import { FEATURES } from '@seg/ml';
import type { CustomerStamp } from '../customers/customer-columns';

const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The canonical `customers.features.v1` value (`CustomerFeaturesEvent`) as JSON text, built by the database
 * in the upsert statement itself so only changed rows are announced: a SQL expression over a `customers` row
 * named `row` for the id, the 17 features by CSV name (null when missing; doubles in float8's shortest
 * exact text) and the source's time (ISO-8601 to the microsecond, with the session's offset), followed by
 * `stampParameter`, the placeholder bound to `customerFeaturesEventStamp`. Plain text concatenation:
 * jsonb_build_object cost four times as much per row.
 */
export function customerFeaturesEventSql(row: string, stampParameter: string): string {
  const column = (name: string): string => `${row}.${quoteIdentifier(name)}`;
  const features = FEATURES.map(
    (spec, index) => `${sqlText(`${index === 0 ? '' : ','}${JSON.stringify(spec.name)}:`)} || coalesce(${column(spec.column)}::text, 'null')`,
  );
  return [
    `'{"customerId":' || to_json(${column('customer_id')})::text || ',"features":{'`,
    ...features,
    `'},"occurredAt":' || to_json(${column('occurred_at')})::text || ${stampParameter}`,
  ].join(' || ');
}

/**
 * The rest of the event, the same for every customer a chunk changes (a changed row is rewritten with the
 * chunk's stamp): source, batch and the UTC time stamp with milliseconds, closing the object.
 */
export function customerFeaturesEventStamp(stamp: CustomerStamp): string {
  return `,${JSON.stringify({ source: stamp.source, batchId: stamp.batchId, updatedAt: stamp.updatedAt.toISOString() }).slice(1)}`;
}
