import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { eraseCustomers, MAX_ERASURE_BATCH, parseIdFile } from '../customer-erasure';
import { GatewayClient, GraphqlRequestError } from '../gateway-client';
import { gatewayAccess, progressLine, UsageError } from './gateway-access';

const USAGE = `usage: npm run erase -- --file <ids.txt> --reason "<why>" [--batch 1-${MAX_ERASURE_BATCH}] [--gateway <url>] [--token <jwt>]
  One customer id per line (blank lines and # comments skipped). Token: --token or SEG_TOKEN (admin).`;

/**
 * `npm run erase`: erases every customer of a file through the gateway's `eraseCustomers`, a batch per call, with progress
 * on stderr and a JSON summary on stdout. Erasure is idempotent: after a failure, running the same file again resumes.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, reason: { type: 'string' }, batch: { type: 'string', default: '500' }, gateway: { type: 'string' }, token: { type: 'string' } } });
  if (values.file === undefined) throw new UsageError('--file <ids.txt> is required');
  const reason = values.reason?.trim() ?? '';
  if (reason === '') throw new UsageError('--reason "<why>" is required: the erasure audit keeps it');
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_ERASURE_BATCH) throw new UsageError(`--batch must be an integer from 1 to ${MAX_ERASURE_BATCH}`);
  const { gatewayUrl, token } = gatewayAccess(values, process.env, 'admin');
  const text = await readFile(values.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${values.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const file = parseIdFile(text);
  if (file.problems.length > 0) {
    const listed = file.problems.slice(0, 10).map((p) => `  line ${p.line}: ${p.reason}`).join('\n');
    throw new UsageError(`${values.file} has ${file.problems.length} line(s) that are not customer ids; nothing was erased:\n${listed}`);
  }
  if (file.ids.length === 0) throw new UsageError(`${values.file} holds no customer id`);
  const report = progressLine();
  report(`erasing ${file.ids.length} customer(s)${file.duplicates > 0 ? ` (${file.duplicates} duplicate line(s) skipped)` : ''}`, true);
  const started = Date.now();
  let last = { done: 0, total: file.ids.length, erased: 0, alreadyErased: 0 };
  try {
    last = await eraseCustomers(new GatewayClient(gatewayUrl, token), file.ids, reason, {
      batchSize,
      onProgress: (p) => {
        last = p;
        report(`${p.done}/${p.total} done: ${p.erased} erased now, ${p.alreadyErased} erased before (${((Date.now() - started) / 1000).toFixed(1)} s)`, p.done === p.total);
      },
    });
  } catch (error) {
    report(`stopped after ${last.done}/${last.total}: run the same command again to resume (erasure is idempotent)`, true);
    throw error;
  }
  console.log(JSON.stringify(last));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof GraphqlRequestError) console.error(`erasure failed (${error.codes.join(', ')}): ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
