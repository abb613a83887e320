import { parseArgs } from 'node:util';
import { DEFAULT_PIPELINE_CONFIG, FEATURE_NAMES, IMPUTE_STRATEGIES, PipelineConfigError, resolvePipelineConfig, type ImputeStrategy, type PipelineConfig } from '../src';

export const ML_FIT_USAGE = `Usage: npm run ml:fit -- --csv <file> [options]

Fits the customer segmentation model on a customer CSV and prints a report.

  --csv <file>            customer CSV (CUST_ID + the ${FEATURE_NAMES.length} features), required
  --impute median|mean|zero   fill for missing values (default median)
  --log1p COL,...|none    columns that get log1p (default the ten heavy-tailed ones)
  --exclude COL,...|none  columns kept out of the clustering (default TENURE); replaces the default
  --k <n>                 segments (default 4)
  --n-init <n>            K-Means restarts, lowest inertia wins (default 10)
  --seed <n>              seed of the restarts (default 42)
  --sweep <a-b>|none      k-sweep with every metric (default 2-9; none skips it)
  --bundle <file>         write the model bundle (JSON) here
  --json <file>           write the machine-readable report here
  --help                  this text

Exit codes: 0 fitted (rejected rows are listed and counted), 1 the fit failed, 2 bad usage or unreadable header.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface MlFitArgs {
  readonly csv: string;
  readonly config: PipelineConfig;
  readonly sweep: { readonly from: number; readonly to: number } | false;
  readonly bundlePath: string | null;
  readonly jsonPath: string | null;
}

const DEFAULT_SWEEP = { from: 2, to: 9 };

function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

function columns(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text === 'none' ? [] : text.split(',').map((c) => c.trim()).filter((c) => c !== '');
}

function sweepRange(text: string | undefined): MlFitArgs['sweep'] {
  if (text === undefined) return DEFAULT_SWEEP;
  if (text === 'none') return false;
  const match = /^(\d+)-(\d+)$/.exec(text);
  if (match === null) throw new UsageError(`--sweep must be a range like 2-9 or none, got ${JSON.stringify(text)}`);
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from < 2 || to < from) throw new UsageError(`--sweep range must have 2 <= from <= to, got ${text}`);
  return { from, to };
}

/** Command-line arguments → validated settings; `null` when help was asked for. Every problem is a UsageError. */
export function parseMlFitArgs(argv: readonly string[]): MlFitArgs | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        csv: { type: 'string' },
        impute: { type: 'string' },
        log1p: { type: 'string' },
        exclude: { type: 'string' },
        k: { type: 'string' },
        'n-init': { type: 'string' },
        seed: { type: 'string' },
        sweep: { type: 'string' },
        bundle: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return null;
  if (values.csv === undefined || values.csv === '') throw new UsageError('--csv <file> is required');
  if (values.impute !== undefined && !IMPUTE_STRATEGIES.includes(values.impute as ImputeStrategy)) {
    throw new UsageError(`--impute must be one of ${IMPUTE_STRATEGIES.join('|')}, got ${JSON.stringify(values.impute)}`);
  }
  const excludeColumns = columns(values.exclude);
  // Excluding a column drops it from the default log1p list; an explicit --log1p is taken as given.
  const log1pColumns = columns(values.log1p) ?? (excludeColumns === undefined ? undefined : DEFAULT_PIPELINE_CONFIG.log1pColumns.filter((c) => !excludeColumns.includes(c)));
  let config: PipelineConfig;
  try {
    config = resolvePipelineConfig({
      impute: values.impute as ImputeStrategy | undefined,
      log1pColumns,
      excludeColumns,
      k: integer('k', values.k),
      nInit: integer('n-init', values['n-init']),
      seed: integer('seed', values.seed),
    });
  } catch (error) {
    if (error instanceof PipelineConfigError) throw new UsageError(error.problems.join('; '));
    throw error;
  }
  return { csv: values.csv, config, sweep: sweepRange(values.sweep), bundlePath: values.bundle ?? null, jsonPath: values.json ?? null };
}
