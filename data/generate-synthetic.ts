/**
 * Writes seeded synthetic customers as CSV (header CUST_ID + the 17 feature names), streaming row by row.
 *   node -r @swc-node/register data/generate-synthetic.ts --rows 1000000 --seed 42 --out customers.csv
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { FEATURE_NAMES, ID_COLUMN, SyntheticCustomerGenerator } from '@seg/ml';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string' }, seed: { type: 'string', default: '42' }, out: { type: 'string' } },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(seed) || seed < 0 || !values.out) {
    throw new Error('usage: generate-synthetic.ts --rows N (>= 1) --seed S (integer >= 0) --out file.csv');
  }
  const out = createWriteStream(values.out);
  const generator = new SyntheticCustomerGenerator(seed);
  const row = new Float64Array(FEATURE_NAMES.length);
  let chunk = `${[ID_COLUMN, ...FEATURE_NAMES].join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    generator.nextInto(row);
    // String(v) is the shortest exact representation: a reader gets back the very same double. NaN → empty cell.
    chunk += `${generator.customerId},${Array.from(row, (v) => (Number.isNaN(v) ? '' : String(v))).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
