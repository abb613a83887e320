import { FEATURES, FEATURE_NAMES } from '../features/feature-schema';
import { IMPUTE_STRATEGIES, type ImputeStrategy } from './imputer';

export type ScalerKind = 'robust' | 'none';
export const SCALER_KINDS: readonly ScalerKind[] = ['robust', 'none'];

/** Every step of the segmentation pipeline, configurable; the defaults are those of issue 3. */
export interface PipelineConfig {
  readonly impute: ImputeStrategy;
  /** Columns (CSV names) that get log1p before scaling. */
  readonly log1pColumns: readonly string[];
  /** Columns (CSV names) stored but left out of the model. */
  readonly excludeColumns: readonly string[];
  readonly scaler: ScalerKind;
  readonly k: number;
  readonly nInit: number;
  readonly seed: number;
  readonly maxIterations: number;
  /** scikit-learn's meaning: relative to the mean per-feature variance of the clustered data. */
  readonly tolerance: number;
}

export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = Object.freeze({
  impute: 'median',
  log1pColumns: FEATURES.filter((f) => f.heavyTailed).map((f) => f.name),
  excludeColumns: FEATURES.filter((f) => f.excludedByDefault).map((f) => f.name),
  scaler: 'robust',
  k: 4,
  nInit: 10,
  seed: 42,
  maxIterations: 300,
  tolerance: 1e-4,
});

export class PipelineConfigError extends Error {
  override readonly name = 'PipelineConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid pipeline config: ${problems.join('; ')}`);
  }
}

/** The defaults overlaid with `overrides`, checked as a whole: every problem is listed in one error. */
export function resolvePipelineConfig(overrides: Partial<PipelineConfig> = {}): PipelineConfig {
  const config: PipelineConfig = { ...DEFAULT_PIPELINE_CONFIG, ...stripUndefined(overrides) };
  const problems: string[] = [];
  if (!IMPUTE_STRATEGIES.includes(config.impute)) {
    problems.push(`impute must be one of ${IMPUTE_STRATEGIES.join('|')}, got ${JSON.stringify(config.impute)}`);
  }
  if (!SCALER_KINDS.includes(config.scaler)) {
    problems.push(`scaler must be one of ${SCALER_KINDS.join('|')}, got ${JSON.stringify(config.scaler)}`);
  }
  checkColumns('log1pColumns', config.log1pColumns, problems);
  checkColumns('excludeColumns', config.excludeColumns, problems);
  const excluded = new Set(config.excludeColumns);
  for (const name of config.log1pColumns) {
    if (excluded.has(name)) problems.push(`log1pColumns: ${name} is also excluded from the model`);
  }
  const modelled = FEATURE_NAMES.length - excluded.size;
  if (modelled < 1) problems.push('excludeColumns: every feature is excluded, nothing left to cluster');
  checkInteger('k', config.k, 2, problems);
  checkInteger('nInit', config.nInit, 1, problems);
  checkInteger('maxIterations', config.maxIterations, 1, problems);
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) {
    problems.push(`seed must be an integer in 0..4294967295, got ${config.seed}`);
  }
  if (!Number.isFinite(config.tolerance) || config.tolerance < 0) {
    problems.push(`tolerance must be a finite number >= 0, got ${config.tolerance}`);
  }
  if (problems.length > 0) throw new PipelineConfigError(problems);
  return config;
}

/** The model's feature order: the schema's order without the excluded columns. */
export function modelFeatureNames(config: PipelineConfig): string[] {
  const excluded = new Set(config.excludeColumns);
  return FEATURE_NAMES.filter((name) => !excluded.has(name));
}

function checkColumns(field: string, names: readonly string[], problems: string[]): void {
  if (!Array.isArray(names)) {
    problems.push(`${field} must be a list of column names`);
    return;
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (!FEATURE_NAMES.includes(name)) problems.push(`${field}: unknown column ${JSON.stringify(name)} (known: ${FEATURE_NAMES.join(', ')})`);
    else if (seen.has(name)) problems.push(`${field}: ${name} is listed twice`);
    seen.add(name);
  }
}

function checkInteger(field: string, value: number, min: number, problems: string[]): void {
  if (!Number.isInteger(value) || value < min) problems.push(`${field} must be an integer >= ${min}, got ${value}`);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
