import { createHash } from 'node:crypto';
import { computeModelReference } from '../drift/model-reference';
import { customersToMatrix } from '../features/feature-matrix';
import { FEATURE_NAMES, type CustomerFeatures } from '../features/feature-schema';
import { fitKMeans } from '../kmeans/fit-kmeans';
import { createMatrix, type Matrix } from '../matrix';
import { calinskiHarabasz } from '../metrics/calinski-harabasz';
import { daviesBouldin } from '../metrics/davies-bouldin';
import { kSweep, type KSweepEntry } from '../metrics/k-sweep';
import { sampledSilhouette, silhouette } from '../metrics/silhouette';
import { fitPca, projectPca } from '../pca/pca';
import { fitImputer, transformImputer } from '../preprocessing/imputer';
import { resolvePipelineConfig, type PipelineConfig } from '../preprocessing/pipeline-config';
import { fitPreprocessor, transformRaw } from '../preprocessing/preprocessor';
import { segmentDefinition, type SegmentId } from '../segments/segment-definitions';
import { identifySegments, type SegmentIdentityResult } from '../segments/segment-identity';
import { computeSegmentProfiles } from '../segments/segment-profiles';
import { MODEL_BUNDLE_KIND, MODEL_BUNDLE_SCHEMA_VERSION, type ModelBundle, type ModelMetrics, type ReferencedModelBundle, type SilhouetteMode } from './model-bundle';

/** Raw 17-column matrix (schema order, NaN = missing) with one customer id per row. */
export interface RawTrainingData {
  readonly matrix: Matrix;
  readonly customerIds: readonly string[];
}

export type FitStage = 'impute' | 'transform' | 'pca' | 'kmeans' | 'silhouette' | 'metrics' | 'segments' | 'reference' | 'fingerprint' | 'sweep';

export interface FitOptions {
  /** The model this one replaces: its segment ids are carried over to the matching new clusters. */
  readonly previous?: ModelBundle;
  /** k range for a k-sweep with every metric; false (default) for none. */
  readonly sweep?: { readonly from: number; readonly to: number } | false;
  /** Default: exact up to 20,000 rows, sampled (10,000 rows, seeded) above — exact is O(n²). */
  readonly silhouette?: SilhouetteMode;
  /** Called after each stage with the share of the stages done, for progress reporting. */
  readonly onProgress?: (stage: FitStage, fraction: number) => void;
  /** Fixed creation time (tests, reproducible bundles); default now. */
  readonly createdAt?: Date;
}

export interface FitResult {
  /** Schema version 2: with the drift reference of the rows it was fitted on. */
  readonly bundle: ReferencedModelBundle;
  /** K-Means cluster per training row. */
  readonly labels: Int32Array;
  /** Segment id per training row, in input order (null for a cluster whose identity could not be assigned). */
  readonly assignments: readonly (SegmentId | null)[];
  readonly identity: SegmentIdentityResult;
  readonly metrics: ModelMetrics;
  readonly sweep: readonly KSweepEntry[] | null;
  readonly timingsMs: Readonly<Record<FitStage | 'total', number>>;
}

export class FitError extends Error {
  override readonly name = 'FitError';
}

const EXACT_SILHOUETTE_MAX_ROWS = 20_000;
const SILHOUETTE_SAMPLE_SIZE = 10_000;
const PCA_COMPONENTS = 2;
const STAGES: readonly FitStage[] = ['impute', 'transform', 'pca', 'kmeans', 'silhouette', 'metrics', 'segments', 'reference', 'fingerprint', 'sweep'];

function toTrainingData(input: readonly CustomerFeatures[] | RawTrainingData): RawTrainingData {
  if (!Array.isArray(input)) return input as RawTrainingData;
  const customers = input as readonly CustomerFeatures[];
  return { matrix: customersToMatrix(customers), customerIds: customers.map((c) => c.customerId) };
}

/**
 * Fits the whole segmentation model: impute → log1p → scale → column exclusion → K-Means (seeded
 * restarts) → PCA 2-D → metrics → segment identity and profiles → drift reference → bundle. Deterministic for a config
 * and the rows in a given order.
 */
export async function fitSegmentationModel(
  input: readonly CustomerFeatures[] | RawTrainingData,
  configOverrides: Partial<PipelineConfig> = {},
  options: FitOptions = {},
): Promise<FitResult> {
  const config = resolvePipelineConfig(configOverrides);
  const { matrix: raw, customerIds } = toTrainingData(input);
  if (raw.cols !== FEATURE_NAMES.length) throw new FitError(`training matrix has ${raw.cols} columns, expected the ${FEATURE_NAMES.length} schema features`);
  if (customerIds.length !== raw.rows) throw new FitError(`${customerIds.length} customer ids for ${raw.rows} rows`);
  if (raw.rows <= config.k) throw new FitError(`cannot fit k = ${config.k} segments on ${raw.rows} customers: need more customers than segments`);

  const timingsMs = Object.fromEntries([...STAGES, 'total'].map((s) => [s, 0])) as Record<FitStage | 'total', number>;
  const started = performance.now();
  let done = 0;
  async function stage<T>(name: FitStage, work: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await work();
    timingsMs[name] = performance.now() - t0;
    options.onProgress?.(name, ++done / STAGES.length);
    return result;
  }

  // All 17 columns imputed with the model's strategy: profiles describe segments in original units,
  // TENURE included. Per column this is the same fill value the model's own imputer fits.
  const imputed = await stage('impute', () => transformImputer(raw, fitImputer(raw, config.impute, FEATURE_NAMES)));
  const { params: preprocessor, transformed } = await stage('transform', () => fitPreprocessor(raw, config));
  const pca = await stage('pca', () => fitPca(transformed, PCA_COMPONENTS));
  const kmeans = await stage('kmeans', () =>
    fitKMeans(transformed, config.k, { nInit: config.nInit, seed: config.seed, maxIterations: config.maxIterations, tolerance: config.tolerance }),
  );
  const labels = kmeans.clusters;
  const silhouetteMode = options.silhouette ?? (raw.rows <= EXACT_SILHOUETTE_MAX_ROWS ? 'exact' : 'sampled');
  const silhouetteValue = await stage('silhouette', () =>
    silhouetteMode === 'off'
      ? null
      : silhouetteMode === 'exact'
        ? silhouette(transformed, labels)
        : sampledSilhouette(transformed, labels, { sampleSize: SILHOUETTE_SAMPLE_SIZE, seed: config.seed }),
  );
  const metrics: ModelMetrics = await stage('metrics', () => ({
    inertia: kmeans.inertia,
    silhouette: silhouetteValue,
    silhouetteMode,
    daviesBouldin: daviesBouldin(transformed, labels),
    calinskiHarabasz: calinskiHarabasz(transformed, labels),
    iterations: kmeans.iterations,
    converged: kmeans.converged,
  }));
  const { profiles, identity } = await stage('segments', () => {
    const profiles = computeSegmentProfiles(imputed, labels, config.k);
    const previous = options.previous;
    return {
      profiles,
      identity:
        previous === undefined
          ? identifySegments({ profiles })
          : identifySegments({
              profiles,
              centroids: centroidsInPreviousSpace(raw, labels, config.k, previous),
              previous: { centroids: previous.centroids, segmentIds: previous.segments.map((s) => s.segmentId) },
            }),
    };
  });
  const reference = await stage('reference', () => computeModelReference(transformed, labels, kmeans.centroids, preprocessor.featureNames));
  const fingerprint = await stage('fingerprint', () => trainingDataFingerprint(raw, customerIds));
  const sweepRange = options.sweep ?? false;
  const sweep = await stage('sweep', () =>
    sweepRange === false
      ? null
      : kSweep(transformed, {
          kFrom: sweepRange.from, kTo: sweepRange.to, nInit: config.nInit, seed: config.seed,
          maxIterations: config.maxIterations, tolerance: config.tolerance, silhouetteSampleSize: SILHOUETTE_SAMPLE_SIZE,
        }),
  );

  const bundle: ReferencedModelBundle = {
    schemaVersion: MODEL_BUNDLE_SCHEMA_VERSION,
    kind: MODEL_BUNDLE_KIND,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    featureOrder: [...FEATURE_NAMES],
    config: { ...config, log1pColumns: [...config.log1pColumns], excludeColumns: [...config.excludeColumns] },
    preprocessor,
    pca,
    centroids: kmeans.centroids,
    centroidsPca: projectCentroids(kmeans.centroids, pca),
    segments: identity.clusters.map((c) => {
      const definition = c.segmentId === null ? null : segmentDefinition(c.segmentId);
      return { cluster: c.cluster, segmentId: c.segmentId, label: definition?.label ?? null, description: definition?.description ?? null, reason: c.reason };
    }),
    profiles,
    metrics,
    kSweep: sweep,
    trainingData: { fingerprint, rows: raw.rows },
    reference,
  };
  timingsMs.total = performance.now() - started;
  const segmentOf = identity.clusters.map((c) => c.segmentId);
  return { bundle, labels, assignments: Array.from(labels, (c) => segmentOf[c]), identity, metrics, sweep, timingsMs };
}

function projectCentroids(centroids: readonly (readonly number[])[], pca: ModelBundle['pca']): number[][] {
  const flat = createMatrix(centroids.length, pca.mean.length, Float64Array.from(centroids.flat()));
  const projected = projectPca(flat, pca);
  return Array.from({ length: centroids.length }, (_, c) => Array.from(projected.data.subarray(c * projected.cols, (c + 1) * projected.cols)));
}

/**
 * The new clusters' centres in the PREVIOUS model's scaled space: the mean of each new cluster's members
 * after the previous model's preprocessing. A K-Means centroid is exactly such a mean, so this is what
 * the previous centroid of a segment with these members would be, and the two sets compare like for
 * like. Comparing the new centroids directly would be wrong whenever the refit moved the scaler's
 * centres or scales or changed the clustered columns; mapping centroids back to original units instead
 * cannot be exact either, since the mean of log1p values is not the log1p of the mean.
 */
function centroidsInPreviousSpace(raw: Matrix, labels: Int32Array, k: number, previous: ModelBundle): number[][] {
  const projected = transformRaw(raw, previous.preprocessor);
  const d = projected.cols;
  const sums = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  for (let i = 0; i < raw.rows; i++) {
    const c = labels[i];
    sizes[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += projected.data[i * d + j];
  }
  return Array.from({ length: k }, (_, c) => Array.from(sums.subarray(c * d, (c + 1) * d), (s) => s / Math.max(1, sizes[c])));
}

/**
 * SHA-256 over the feature order, the customer ids and the raw values (NaN = missing) in row order.
 * Order-dependent on purpose: K-Means++ seeding draws rows by position, so the same customers in
 * another order can give another model, and the fingerprint should tell the two inputs apart.
 */
export function trainingDataFingerprint(raw: Matrix, customerIds: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(FEATURE_NAMES));
  hash.update(JSON.stringify(customerIds));
  hash.update(new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength));
  return `sha256:${hash.digest('hex')}`;
}
