import { SEGMENT_EXPORT_FORMATS } from '@seg/contracts';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { downloadSegmentExport, exportedRows, isExportFormat, SegmentExportError, type SegmentExportRequest } from '../segment-export';
import { gatewayAccess, progressLine, UsageError } from './gateway-access';

const USAGE = `usage: npm run export -- (--segment <id> | --all) [--format ${SEGMENT_EXPORT_FORMATS.join('|')}] [--as-of <ISO time>] [--out <file>] [--gateway <url>] [--token <jwt>]
  Writes the file to --out (to stdout without it); progress goes to stderr. Token: --token or SEG_TOKEN (analyst or admin).`;
const REPORT_EVERY_MS = 1_000;

function requestOf(values: { segment?: string; all?: boolean; format?: string; 'as-of'?: string }): SegmentExportRequest {
  if ((values.segment === undefined) === !values.all) throw new UsageError('give one segment (--segment <id>) or --all');
  const format = values.format ?? 'csv';
  if (!isExportFormat(format)) throw new UsageError(`--format must be ${SEGMENT_EXPORT_FORMATS.join(' or ')}, got ${JSON.stringify(format)}`);
  const asOf = values['as-of'] ?? null;
  if (asOf !== null && Number.isNaN(Date.parse(asOf))) throw new UsageError(`--as-of must be an ISO-8601 time, e.g. 2026-12-01T00:00:00Z; got ${JSON.stringify(asOf)}`);
  return { segmentId: values.segment ?? null, format, asOf };
}

/**
 * `npm run export`: one segment's members (or every segment's) through the gateway, streamed to a file or stdout. A file
 * is written as `<out>.part` and renamed when the transfer is complete, so a file under the asked name is always whole.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      segment: { type: 'string' },
      all: { type: 'boolean' },
      format: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
    },
  });
  const request = requestOf(values);
  const { gatewayUrl, token } = gatewayAccess(values, process.env, 'analyst');
  const partial = values.out === undefined ? null : `${values.out}.part`;
  const out = partial === null ? process.stdout : createWriteStream(partial);
  const report = progressLine();
  const started = Date.now();
  let reported = 0;
  const line = (p: { bytes: number; lines: number }) =>
    `exported ${exportedRows(request.format, p).toLocaleString('en')} rows, ${(p.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    const total = await downloadSegmentExport(gatewayUrl, token, request, out, (progress) => {
      if (Date.now() - reported < REPORT_EVERY_MS) return;
      reported = Date.now();
      report(line(progress));
    });
    if (partial !== null && values.out !== undefined) {
      out.end();
      await finished(out);
      await rename(partial, values.out);
    }
    report(`${line(total)}${values.out === undefined ? '' : ` → ${values.out}`}`, true);
  } catch (error) {
    if (partial !== null) {
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else if (error instanceof SegmentExportError) console.error(`export failed (${error.code}): ${error.message}`);
  else console.error(error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
