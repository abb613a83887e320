import { z } from 'zod';
import type { ModelReference } from '../drift/model-reference';
import { FEATURE_NAMES } from '../features/feature-schema';
import type { KSweepEntry } from '../metrics/k-sweep';
import type { PcaModel } from '../pca/pca';
import { IMPUTE_STRATEGIES } from '../preprocessing/imputer';
import { SCALER_KINDS, type PipelineConfig } from '../preprocessing/pipeline-config';
import type { PreprocessorParams } from '../preprocessing/preprocessor';
import { SEGMENT_IDS, type SegmentId } from '../segments/segment-definitions';
import type { SegmentProfiles } from '../segments/segment-profiles';

/** The version this build writes. Version 1 (no drift reference) is still read: its `reference` is null. */
export const MODEL_BUNDLE_SCHEMA_VERSION = 2;
const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, MODEL_BUNDLE_SCHEMA_VERSION];
export const MODEL_BUNDLE_KIND = 'customer-segmentation';

export type SilhouetteMode = 'exact' | 'sampled' | 'off';

/** One K-Means cluster and the stable segment it stands for (null when identity could not be assigned). */
export interface BundleSegment {
  readonly cluster: number;
  readonly segmentId: SegmentId | null;
  readonly label: string | null;
  readonly description: string | null;
  /** Why this cluster got this id (or none): archetype scores or the distance to the previous model's segment. */
  readonly reason: string;
}

export interface ModelMetrics {
  readonly inertia: number;
  /** null when the silhouette was not computed (`silhouette: 'off'`). */
  readonly silhouette: number | null;
  readonly silhouetteMode: SilhouetteMode;
  readonly daviesBouldin: number;
  readonly calinskiHarabasz: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface TrainingDataInfo {
  /** `sha256:<hex>` over the customer ids and raw values in row order (see `trainingDataFingerprint`). */
  readonly fingerprint: string;
  readonly rows: number;
}

/** Everything a bundle holds apart from its version and drift reference. */
export interface ModelBundleContent {
  readonly kind: typeof MODEL_BUNDLE_KIND;
  readonly createdAt: string;
  /** All 17 schema features in raw-input order; `preprocessor.featureNames` are the clustered ones. */
  readonly featureOrder: readonly string[];
  readonly config: PipelineConfig;
  readonly preprocessor: PreprocessorParams;
  readonly pca: PcaModel;
  /** k × clustered features, in the scaled space. */
  readonly centroids: readonly (readonly number[])[];
  /** Each centroid's position on the 2-D PCA map. */
  readonly centroidsPca: readonly (readonly number[])[];
  /** One per cluster, in cluster order. */
  readonly segments: readonly BundleSegment[];
  readonly profiles: SegmentProfiles;
  readonly metrics: ModelMetrics;
  /** null when no k-sweep was run. */
  readonly kSweep: readonly KSweepEntry[] | null;
  readonly trainingData: TrainingDataInfo;
}

/**
 * Everything needed to predict, explain and describe a fitted segmentation model, as one versioned JSON
 * document. `preprocessor`, `centroids` and `pca` have the shapes `predictFromRaw` reads, so a bundle is
 * a `RawPredictionModel` as it stands.
 */
export type ModelBundle = ReferencedModelBundle | UnreferencedModelBundle;

/** What this build fits and writes: with the training data's drift reference. */
export interface ReferencedModelBundle extends ModelBundleContent {
  readonly schemaVersion: typeof MODEL_BUNDLE_SCHEMA_VERSION;
  readonly reference: ModelReference;
}

/** A bundle trained before drift references existed: it predicts as ever, and drift monitoring reports "no reference". */
export interface UnreferencedModelBundle extends ModelBundleContent {
  readonly schemaVersion: 1;
  readonly reference: null;
}

export class ModelBundleError extends Error {
  override readonly name = 'ModelBundleError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid model bundle: ${problems.join('; ')}`);
  }
}

const finite = z.number().finite();
const vector = z.array(finite);
const featureName = z.string().refine((name) => FEATURE_NAMES.includes(name), { message: 'is not a feature of the schema' });
const featureStats = z.object({ mean: finite, median: finite, q25: finite, q75: finite, min: finite, max: finite }).strict();

const contentSchema = z
  .object({
    kind: z.literal(MODEL_BUNDLE_KIND),
    createdAt: z.string().datetime(),
    featureOrder: z.array(z.string()),
    config: z
      .object({
        impute: z.enum(IMPUTE_STRATEGIES as [string, ...string[]]),
        log1pColumns: z.array(featureName),
        excludeColumns: z.array(featureName),
        scaler: z.enum(SCALER_KINDS as [string, ...string[]]),
        k: z.number().int().min(2),
        nInit: z.number().int().min(1),
        seed: z.number().int().min(0),
        maxIterations: z.number().int().min(1),
        tolerance: finite.min(0),
      })
      .strict(),
    preprocessor: z
      .object({
        featureNames: z.array(featureName).min(1),
        imputer: z.object({ strategy: z.enum(IMPUTE_STRATEGIES as [string, ...string[]]), values: vector }).strict(),
        log1p: z.array(z.boolean()),
        scaler: z.object({ center: vector, scale: z.array(finite.positive()) }).strict(),
      })
      .strict(),
    pca: z.object({ mean: vector, components: z.array(vector).min(1), explainedVariance: vector, explainedVarianceRatio: vector }).strict(),
    centroids: z.array(vector).min(1),
    centroidsPca: z.array(vector),
    segments: z.array(
      z
        .object({
          cluster: z.number().int().min(0),
          segmentId: z.enum(SEGMENT_IDS).nullable(),
          label: z.string().nullable(),
          description: z.string().nullable(),
          reason: z.string(),
        })
        .strict(),
    ),
    profiles: z
      .object({
        featureNames: z.array(featureName),
        population: z.object({ size: z.number().int().min(0), features: z.record(featureStats) }).strict(),
        clusters: z.array(
          z
            .object({
              cluster: z.number().int().min(0),
              size: z.number().int().min(0),
              share: finite.min(0).max(1),
              features: z.record(featureStats),
              distinguishing: z.array(
                z
                  .object({
                    feature: featureName,
                    direction: z.enum(['higher', 'lower']),
                    segmentMedian: finite,
                    populationMedian: finite,
                    effect: finite,
                  })
                  .strict(),
              ),
            })
            .strict(),
        ),
      })
      .strict(),
    metrics: z
      .object({
        inertia: finite,
        silhouette: finite.nullable(),
        silhouetteMode: z.enum(['exact', 'sampled', 'off']),
        daviesBouldin: finite,
        calinskiHarabasz: finite,
        iterations: z.number().int().min(0),
        converged: z.boolean(),
      })
      .strict(),
    kSweep: z
      .array(
        z
          .object({ k: z.number().int().min(2), inertia: finite, silhouette: finite, daviesBouldin: finite, calinskiHarabasz: finite, sizes: z.array(z.number().int().min(0)) })
          .strict(),
      )
      .nullable(),
    trainingData: z.object({ fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/), rows: z.number().int().min(1) }).strict(),
  });

const referenceSchema = z
  .object({
    bins: z.number().int().min(2),
    features: z.array(z.object({ feature: featureName, edges: vector, shares: z.array(finite.min(0).max(1)) }).strict()),
    clusterSpread: z.array(finite.min(0)),
  })
  .strict();

type Path = (string | number)[];
type BundleShape = z.infer<typeof contentSchema>;

// The version first and the reference last, as fitSegmentationModel writes them: zod returns keys in schema
// order, and a bundle read back must serialize to the very same text.
const v1Schema = z
  .object({ schemaVersion: z.literal(1) })
  .merge(contentSchema)
  .strict()
  .superRefine((b, ctx) => checkContent(b, issues(ctx)));

const v2Schema = z
  .object({ schemaVersion: z.literal(MODEL_BUNDLE_SCHEMA_VERSION) })
  .merge(contentSchema)
  .extend({ reference: referenceSchema })
  .strict()
  .superRefine((b, ctx) => {
    const report = issues(ctx);
    checkContent(b, report);
    checkReference(b.reference, b, report);
  });

interface Issues {
  problem(path: Path, message: string): void;
  sameLength(path: Path, actual: number, expected: number, what: string): void;
}

function issues(ctx: z.RefinementCtx): Issues {
  const problem = (path: Path, message: string): void => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message, params: { sentence: true } });
  };
  return {
    problem,
    sameLength: (path, actual, expected, what) => {
      if (actual !== expected) problem(path, `has ${actual} values, expected ${expected} (${what})`);
    },
  };
}

/** Shapes zod cannot see: every per-feature and per-cluster list must agree with the others. */
function checkContent(b: BundleShape, { problem, sameLength }: Issues): void {
  if (b.featureOrder.join(',') !== FEATURE_NAMES.join(',')) problem(['featureOrder'], `must be the ${FEATURE_NAMES.length} schema features in schema order`);
  const d = b.preprocessor.featureNames.length;
  const features = 'one per clustered feature';
  sameLength(['preprocessor', 'imputer', 'values'], b.preprocessor.imputer.values.length, d, features);
  sameLength(['preprocessor', 'log1p'], b.preprocessor.log1p.length, d, features);
  sameLength(['preprocessor', 'scaler', 'center'], b.preprocessor.scaler.center.length, d, features);
  sameLength(['preprocessor', 'scaler', 'scale'], b.preprocessor.scaler.scale.length, d, features);
  sameLength(['pca', 'mean'], b.pca.mean.length, d, features);
  b.pca.components.forEach((c, i) => sameLength(['pca', 'components', i], c.length, d, features));
  const p = b.pca.components.length;
  sameLength(['pca', 'explainedVariance'], b.pca.explainedVariance.length, p, 'one per component');
  sameLength(['pca', 'explainedVarianceRatio'], b.pca.explainedVarianceRatio.length, p, 'one per component');
  const k = b.centroids.length;
  if (k !== b.config.k) problem(['centroids'], `has ${k} centroids, expected config.k = ${b.config.k}`);
  b.centroids.forEach((c, i) => sameLength(['centroids', i], c.length, d, features));
  sameLength(['centroidsPca'], b.centroidsPca.length, k, 'one per centroid');
  b.centroidsPca.forEach((c, i) => sameLength(['centroidsPca', i], c.length, p, 'one per PCA component'));
  sameLength(['segments'], b.segments.length, k, 'one per centroid');
  b.segments.forEach((s, i) => {
    if (s.cluster !== i) problem(['segments', i, 'cluster'], `is ${s.cluster}, expected ${i} (segments are in cluster order)`);
  });
  const ids = b.segments.flatMap((s) => (s.segmentId === null ? [] : [s.segmentId]));
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) problem(['segments'], `give one segment id to several clusters: ${repeated.join(', ')}`);
  sameLength(['profiles', 'clusters'], b.profiles.clusters.length, k, 'one per centroid');
  if (b.kSweep !== null) b.kSweep.forEach((e, i) => sameLength(['kSweep', i, 'sizes'], e.sizes.length, e.k, 'one per cluster'));
}

/** Shares are rounded doubles: their sum may be off 1 by a few ulps per bin. */
const SHARE_SUM_TOLERANCE = 1e-9;

function checkReference(reference: z.infer<typeof referenceSchema>, b: BundleShape, { problem, sameLength }: Issues): void {
  const names = b.preprocessor.featureNames;
  sameLength(['reference', 'features'], reference.features.length, names.length, 'one per clustered feature');
  reference.features.forEach((f, i) => {
    const path: Path = ['reference', 'features', i];
    if (i < names.length && f.feature !== names[i]) problem([...path, 'feature'], `is ${f.feature}, expected ${names[i]} (the clustered features in order)`);
    if (f.edges.length > reference.bins - 1) problem([...path, 'edges'], `has ${f.edges.length} values, more than bins − 1 = ${reference.bins - 1}`);
    const unordered = f.edges.findIndex((edge, e) => e > 0 && !(edge > f.edges[e - 1]));
    if (unordered >= 0) problem([...path, 'edges', unordered], `is ${f.edges[unordered]}, not above the edge before it (edges ascend strictly)`);
    sameLength([...path, 'shares'], f.shares.length, f.edges.length + 1, 'one per bin: edges + 1');
    const sum = f.shares.reduce((a, v) => a + v, 0);
    if (!(Math.abs(sum - 1) <= SHARE_SUM_TOLERANCE)) problem([...path, 'shares'], `add up to ${sum}, expected 1`);
  });
  sameLength(['reference', 'clusterSpread'], reference.clusterSpread.length, b.centroids.length, 'one per centroid');
}

/** `centroids[2]`, `pca.components[0]`: the path as one would write it in code. */
function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? part : `${out}.${part}`), '') || '(root)';
}

/**
 * The bundle as JSON. Doubles survive exactly: JSON.stringify writes the shortest text that reads back to the
 * same double. A version 1 bundle is written as version 1, without the `reference` it never had.
 */
export function serializeBundle(bundle: ModelBundle): string {
  if (bundle.schemaVersion === 1) {
    const { reference: _none, ...asRead } = bundle;
    return JSON.stringify(asRead);
  }
  return JSON.stringify(bundle);
}

/**
 * A bundle from its JSON text or an already parsed object, checked in full: an unknown schema version is
 * refused before anything else (its shape may mean something else entirely), then every problem with
 * the shape is listed with its path, e.g. `centroids[2] has 15 values, expected 16 (one per clustered feature)`.
 * Version 1 (before drift references) is read with `reference: null`; version 2 must carry a valid reference.
 */
export function deserializeBundle(json: string | unknown): ModelBundle {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ModelBundleError([`not valid JSON (${(error as Error).message})`]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelBundleError([`expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`]);
  }
  const version = (value as Record<string, unknown>).schemaVersion;
  if (typeof version !== 'number' || !READABLE_SCHEMA_VERSIONS.includes(version)) {
    throw new ModelBundleError([`unsupported schemaVersion ${JSON.stringify(version)}: this build reads versions ${READABLE_SCHEMA_VERSIONS.join(' and ')}`]);
  }
  const parsed = (version === 1 ? v1Schema : v2Schema).safeParse(value);
  if (!parsed.success) {
    throw new ModelBundleError(
      parsed.error.issues.map((issue) => {
        const sentence = issue.code === z.ZodIssueCode.custom && (issue.params as { sentence?: boolean } | undefined)?.sentence === true;
        return `${formatPath(issue.path)}${sentence ? ' ' : ': '}${issue.message}`;
      }),
    );
  }
  return (version === 1 ? { ...parsed.data, reference: null } : parsed.data) as ModelBundle;
}
