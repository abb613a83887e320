import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_NAMES, type CustomerFeatures } from '../features/feature-schema';
import { parseCustomerCsv, type CsvWarning } from './customer-csv-parser';

// The real data sits beside the repository (../shared/data), read here by the test, never by the library.
const REAL_DATA = join(__dirname, '../../../../../shared/data/Customer Data.csv');

describe('parseCustomerCsv on the real data', () => {
  it('should accept all 8,950 customers, keep the 314 missing values and warn about the 8 clamped frequencies', async () => {
    const accepted: CustomerFeatures[] = [];
    const warnings: CsvWarning[] = [];
    let rejected = 0;
    for await (const batch of parseCustomerCsv(createReadStream(REAL_DATA, { highWaterMark: 4096 }))) {
      accepted.push(...batch.accepted);
      warnings.push(...batch.warnings);
      rejected += batch.rejected.length;
    }
    expect(accepted).toHaveLength(8950);
    expect(rejected).toBe(0);
    const missing = Object.fromEntries(FEATURE_NAMES.map((name) => [name, accepted.filter((c) => c.features[name] === null).length]));
    expect(Object.entries(missing).filter(([, n]) => n > 0)).toEqual([['CREDIT_LIMIT', 1], ['MINIMUM_PAYMENTS', 313]]);
    expect(warnings).toHaveLength(8);
    expect(warnings.every((w) => w.kind === 'clamped' && w.column === 'CASH_ADVANCE_FREQUENCY' && w.originalValue > 1 && w.originalValue <= 1.5)).toBe(true);
    expect(warnings.map((w) => w.customerId)).toEqual(['C10708', 'C11680', 'C12629', 'C12684', 'C13127', 'C13347', 'C18273', 'C18588']);
    expect(accepted.every((c) => (c.features.CASH_ADVANCE_FREQUENCY as number) <= 1)).toBe(true);
    expect(accepted[0]).toEqual({
      customerId: 'C10001',
      features: expect.objectContaining({ BALANCE: 40.900749, PURCHASES_TRX: 2, MINIMUM_PAYMENTS: 139.509787, TENURE: 12 }),
    });
  });
});
