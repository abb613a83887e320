/**
 * A minimal reader for well-formed customer CSVs (the real data, the synthetic files): header
 * CUST_ID + the 17 feature names, empty cell = missing. Used by the golden tests and the benchmark;
 * the validating, streaming parser for untrusted input is libs/ml/src/csv.
 */
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES, ID_COLUMN } from '../src/features/feature-schema';
import { createMatrix, type Matrix } from '../src/matrix';

export function readCustomerCsv(path: string): Matrix {
  const text = readFileSync(path, 'utf8');
  const width = FEATURE_NAMES.length;
  const headerEnd = text.indexOf('\n');
  const header = text.slice(0, headerEnd).replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (header !== [ID_COLUMN, ...FEATURE_NAMES].join(',')) throw new Error(`unexpected header in ${path}: ${header}`);
  const lines = text.slice(headerEnd + 1).split('\n');
  if (lines[lines.length - 1].trim() === '') lines.pop();
  const m = createMatrix(lines.length, width);
  lines.forEach((line, i) => {
    const cells = line.replace(/\r$/, '').split(',');
    if (cells.length !== width + 1) throw new Error(`${path} line ${i + 2}: ${cells.length} cells, expected ${width + 1}`);
    for (let j = 0; j < width; j++) {
      const cell = cells[j + 1];
      m.data[i * width + j] = cell === '' ? Number.NaN : Number(cell);
    }
  });
  return m;
}
