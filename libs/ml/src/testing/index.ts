/**
 * Factories for other projects' tests: a small fitted model from seeded synthetic customers, so a test
 * of scoring, training or the API gets a real bundle in well under a second without reading any file.
 */
import { FEATURE_NAMES, type CustomerFeatures } from '../features/feature-schema';
import { fitSegmentationModel, type FitOptions, type FitResult, type RawTrainingData } from '../model/fit-segmentation-model';
import type { ModelBundle, ReferencedModelBundle, UnreferencedModelBundle } from '../model/model-bundle';
import type { PipelineConfig } from '../preprocessing/pipeline-config';
import { syntheticCustomers, syntheticMatrix } from '../synthetic/synthetic-customers';

export interface TestModelOptions {
  readonly rows?: number;
  readonly seed?: number;
  readonly config?: Partial<PipelineConfig>;
  readonly fit?: FitOptions;
}

const DEFAULT_ROWS = 1_500;
const DEFAULT_SEED = 7;
// Three restarts: enough for the well-separated synthetic groups, and a third of the default's time.
const TEST_N_INIT = 3;

/** Seeded synthetic training data as a raw matrix with ids S0000000, S0000001, … */
export function syntheticTrainingData(rows = DEFAULT_ROWS, seed = DEFAULT_SEED): RawTrainingData {
  const { matrix } = syntheticMatrix(rows, seed);
  return { matrix, customerIds: Array.from({ length: rows }, (_, i) => `S${String(i).padStart(7, '0')}`) };
}

/** `count` seeded synthetic customers as objects (feature values by CSV name, null = missing). */
export function syntheticCustomerList(count: number, seed = DEFAULT_SEED): CustomerFeatures[] {
  return Array.from(syntheticCustomers(count, seed), ({ customerId, features }) => ({ customerId, features }));
}

/** A model fitted on seeded synthetic customers; silhouette off and no sweep unless asked, to stay fast. */
export function fitTestModel(options: TestModelOptions = {}): Promise<FitResult> {
  return fitSegmentationModel(
    syntheticTrainingData(options.rows, options.seed),
    { nInit: TEST_N_INIT, ...options.config },
    { silhouette: 'off', createdAt: new Date('2026-01-01T00:00:00Z'), ...options.fit },
  );
}

/** Just the bundle of `fitTestModel`. */
export async function createTestBundle(options: TestModelOptions = {}): Promise<ReferencedModelBundle> {
  return (await fitTestModel(options)).bundle;
}

/** The bundle as version 1 wrote it, without a drift reference: for tests of what happens with an older champion. */
export function unreferencedBundle(bundle: ModelBundle): UnreferencedModelBundle {
  return { ...bundle, schemaVersion: 1, reference: null };
}

/** A valid raw customer record (CSV names) with every feature at a plain value; override what the test is about. */
export function customerRecord(overrides: Readonly<Record<string, number | string | null>> = {}): Record<string, number | string | null> {
  const base: Record<string, number | string | null> = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0]));
  return { ...base, CUST_ID: 'C-TEST-1', TENURE: 12, CREDIT_LIMIT: 1000, ...overrides };
}
