import { compilePredictionModel, type CompiledPredictionModel } from '../kmeans/predict-from-raw';
import { FEATURE_NAMES } from '../features/feature-schema';
import { createMatrix } from '../matrix';
import type { ModelBundle, ReferencedModelBundle } from '../model/model-bundle';
import type { SegmentId } from '../segments/segment-definitions';

/**
 * A bundle's drift reference flattened into typed arrays for the scoring hot path. Every feature's bins
 * sit one after another in one counts array: feature j owns bins [binStart[j], binStart[j + 1]) and the
 * edges [binStart[j] − j, binStart[j + 1] − j − 1) of `edges` (one edge fewer than bins).
 */
export interface DriftModel {
  /** The clustered features, in the model's order. */
  readonly featureNames: readonly string[];
  readonly d: number;
  readonly k: number;
  /** d + 1 offsets; binStart[d] is the number of bins of all features together. */
  readonly binStart: Int32Array;
  readonly edges: Float64Array;
  /** The training share of every bin, laid out like the counts. */
  readonly referenceShares: Float64Array;
  /** The bundle's impute → log1p → scale parameters and its centroids (k × d, scaled space). */
  readonly transform: CompiledPredictionModel;
  /** Per cluster: RMS distance of its training rows to its centroid. */
  readonly clusterSpread: Float64Array;
  /** Per cluster, in cluster order. */
  readonly segmentIds: readonly (SegmentId | null)[];
}

/** The bundle's reference as typed arrays, or null for a bundle without one (schema version 1). */
export function compileDriftModel(bundle: ReferencedModelBundle): DriftModel;
export function compileDriftModel(bundle: ModelBundle): DriftModel | null;
export function compileDriftModel(bundle: ModelBundle): DriftModel | null {
  const { reference } = bundle;
  if (reference === null) return null;
  const d = bundle.preprocessor.featureNames.length;
  const binStart = new Int32Array(d + 1);
  reference.features.forEach((f, j) => (binStart[j + 1] = binStart[j] + f.shares.length));
  return {
    featureNames: bundle.preprocessor.featureNames,
    d,
    k: bundle.centroids.length,
    binStart,
    edges: Float64Array.from(reference.features.flatMap((f) => f.edges)),
    referenceShares: Float64Array.from(reference.features.flatMap((f) => f.shares)),
    // No rows: only the compiled parameters are wanted (and the shape checks that come with them).
    transform: compilePredictionModel(createMatrix(0, FEATURE_NAMES.length), bundle),
    clusterSpread: Float64Array.from(reference.clusterSpread),
    segmentIds: bundle.segments.map((s) => s.segmentId),
  };
}
