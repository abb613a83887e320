import { quoteIdentifier } from '@seg/db';
import { FEATURE_NAMES } from '@seg/ml';
import { featureColumn } from '../customers/customer-columns';

const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The canonical `customers.features.v1` value (`CustomerFeaturesEvent`) as a SQL expression over a
 * `customers` row named `row`: all 17 features by CSV name, null when missing, and the stamp. Built by the
 * database in the upsert statement itself, so only changed rows are announced and nothing is serialised
 * twice. Doubles keep their shortest exact text (float8 output), the time stamp its milliseconds in UTC.
 */
export function customerFeaturesEventSql(row: string): string {
  const column = (name: string): string => `${row}.${quoteIdentifier(name)}`;
  const features = FEATURE_NAMES.map((name) => `${sqlText(name)}, ${column(featureColumn(name))}`).join(', ');
  return (
    `jsonb_build_object('customerId', ${column('customer_id')}, 'features', jsonb_build_object(${features}), ` +
    `'source', ${column('source')}, 'batchId', ${column('batch_id')}, ` +
    `'updatedAt', to_char(${column('updated_at')} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
  );
}
