import { loadConfigOrExit } from '@seg/config';
import { gatewaySubgraphSecret } from '@seg/nest';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ServiceUnreachableError, uploadCsv } from './csv-upload.client';

const USAGE = 'Usage: npm run ingest -- <file.csv> [--json] [--url http://127.0.0.1:4001] [--occurred-at <ISO-8601 instant of the file>]';
const DEFAULT_URL = `http://127.0.0.1:${process.env.INGESTION_PORT ?? 4001}`;

interface Summary {
  batchId: string;
  status: string;
  read: number;
  accepted: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  stale: number;
  warnings: number;
  rejectedRows: { line: number; column: string | null; reason: string }[];
}

function printTable(file: string, summary: Summary, seconds: number): void {
  const rows: [string, string | number][] = [
    ['file', file],
    ['batch', summary.batchId],
    ['status', summary.status],
    ['read', summary.read],
    ['accepted', summary.accepted],
    ['rejected', summary.rejected],
    ['inserted', summary.inserted],
    ['updated', summary.updated],
    ['unchanged', summary.unchanged],
    ['stale', summary.stale],
    ['warnings', summary.warnings],
    ['time', `${seconds.toFixed(2)} s (${Math.round(summary.read / seconds)} rows/s)`],
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(10)} ${value}`);
  if (summary.rejectedRows.length > 0) {
    console.log(`\nfirst rejected rows (all are stored; query ingestBatch(id: "${summary.batchId}") { rejectedRows }):`);
    for (const row of summary.rejectedRows) console.log(`  line ${row.line}: ${row.reason}`);
  }
  if (summary.stale > 0) console.log(`\n${summary.stale} row(s) skipped: the stored state of those customers is newer (--occurred-at dates the file).`);
  if (summary.inserted + summary.updated + summary.stale === 0 && summary.accepted > 0) console.log('\nNothing changed: every accepted row was already stored as sent.');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, url: { type: 'string', default: DEFAULT_URL }, 'occurred-at': { type: 'string' } },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const [file] = positionals;
  if (!(await stat(file).then((s) => s.isFile()).catch(() => false))) {
    console.error(`Cannot read ${file}: no such file`);
    return 2;
  }
  const started = performance.now();
  let response;
  try {
    // The secret as the service resolves it from the same variable (a development value when unset).
    response = await uploadCsv(values.url, createReadStream(file), basename(file), 'text/csv', loadConfigOrExit(() => gatewaySubgraphSecret()), values['occurred-at'] ?? null);
  } catch (error) {
    if (!(error instanceof ServiceUnreachableError)) throw error;
    console.error(`${error.message}.\nStart it with \`npm run up\` (or \`node -r ./scripts/env/load-env.js -r @swc-node/register services/ingestion/src/main.ts\`), or pass --url.`);
    return 1;
  }
  if (response.status !== 200) {
    console.error(`Ingest of ${file} failed (HTTP ${response.status}): ${String(response.body.message ?? JSON.stringify(response.body))}`);
    const { batchId, committed } = response.body as { batchId?: string; committed?: Record<string, number> };
    if (batchId !== undefined) console.error(`batch ${batchId} is marked failed; committed before the failure (kept): ${JSON.stringify(committed ?? {})}`);
    return 1;
  }
  const summary = response.body as unknown as Summary;
  if (values.json) {
    const { batchId, read, accepted, rejected, unchanged, stale } = summary;
    console.log(JSON.stringify({ batchId, read, accepted, rejected, unchanged, stale }));
  } else {
    printTable(file, summary, (performance.now() - started) / 1000);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Ingest failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
