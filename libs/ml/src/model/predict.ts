import { FEATURE_NAMES, ID_COLUMN } from '../features/feature-schema';
import type { FeatureWarning, FieldError } from '../features/feature-value';
import { validateCustomer, type CustomerRecord } from '../features/validate-customer';
import { predictFromRaw, type RawPredictions } from '../kmeans/predict-from-raw';
import { createMatrix, type Matrix } from '../matrix';
import { transformRaw } from '../preprocessing/preprocessor';
import type { SegmentId } from '../segments/segment-definitions';
import type { ModelBundle } from './model-bundle';

/** One of the features that set a customer furthest from the population. */
export interface FeatureExplanation {
  readonly feature: string;
  /** Signed distance from the training median in the model's robust-scaled space (IQR units; of log1p values where `logScale`). */
  readonly scaledValue: number;
  readonly direction: 'above' | 'below';
  readonly logScale: boolean;
  /** The value as given, or the imputed one when it was missing (`imputed`). */
  readonly rawValue: number;
  readonly imputed: boolean;
  /** e.g. "CASH_ADVANCE 12.4× IQR above the median (log scale; value 6442.95)". */
  readonly text: string;
}

export interface CentroidDistance {
  readonly cluster: number;
  readonly segmentId: SegmentId | null;
  readonly distance: number;
}

export interface CustomerPrediction {
  /** The record's CUST_ID, or null when the record had none. */
  readonly customerId: string | null;
  readonly segmentId: SegmentId | null;
  readonly cluster: number;
  readonly pca: { readonly x: number; readonly y: number };
  /** Euclidean distance in the scaled space to every centroid, in cluster order. */
  readonly distances: readonly CentroidDistance[];
  /** Up to three features, furthest from the median first; ties in feature order. */
  readonly explanation: readonly FeatureExplanation[];
  /** Values accepted after a documented correction (e.g. a ratio slightly above 1 clamped). */
  readonly warnings: readonly FeatureWarning[];
}

export interface InvalidCustomer {
  /** Position in the input. */
  readonly index: number;
  readonly customerId: string | null;
  readonly errors: readonly FieldError[];
}

export class PredictInputError extends Error {
  override readonly name = 'PredictInputError';
  constructor(readonly invalid: readonly InvalidCustomer[]) {
    super(
      `cannot predict: ${invalid.length} invalid customer record(s) — ${invalid
        .map((c) => `#${c.index}${c.customerId === null ? '' : ` (${c.customerId})`}: ${c.errors.map((e) => e.reason).join(', ')}`)
        .join('; ')}`,
    );
  }
}

const EXPLAINED_FEATURES = 3;

/**
 * The fast path: raw 17-column rows (schema order, NaN = missing) → cluster, distance to every centroid
 * and PCA position as typed arrays, with no per-customer objects. Rows are not validated: they are
 * expected to come from a validated source (the CSV parser, the ingestion tables).
 */
export function predictMatrix(bundle: ModelBundle, raw: Matrix): RawPredictions {
  return predictFromRaw(raw, bundle);
}

/**
 * Validates each record (CSV names, null = missing, CUST_ID optional) and predicts its segment, PCA
 * position, distance to every centroid and a short deterministic explanation. Any invalid record fails
 * the whole call with every problem listed, so a caller never gets predictions for half its input.
 */
export function predict(bundle: ModelBundle, records: readonly CustomerRecord[]): CustomerPrediction[] {
  const width = FEATURE_NAMES.length;
  const raw = createMatrix(records.length, width);
  const invalid: InvalidCustomer[] = [];
  const warnings: FeatureWarning[][] = [];
  records.forEach((record, index) => {
    const customerId = typeof record[ID_COLUMN] === 'string' ? (record[ID_COLUMN] as string) : null;
    // A form or an API call may send features without an id; the placeholder only satisfies validation.
    const validation = validateCustomer(record[ID_COLUMN] === undefined ? { ...record, [ID_COLUMN]: `record-${index}` } : record);
    if (!validation.ok) {
      invalid.push({ index, customerId, errors: validation.errors });
      return;
    }
    warnings.push(validation.warnings);
    FEATURE_NAMES.forEach((name, j) => {
      const value = validation.customer.features[name];
      raw.data[index * width + j] = value === null || value === undefined ? Number.NaN : value;
    });
  });
  if (invalid.length > 0) throw new PredictInputError(invalid);

  const { clusters, distances, pca } = predictMatrix(bundle, raw);
  const scaled = transformRaw(raw, bundle.preprocessor);
  const k = bundle.centroids.length;
  const p = bundle.pca.components.length;
  return records.map((record, i) => {
    const cluster = clusters[i];
    return {
      customerId: typeof record[ID_COLUMN] === 'string' ? (record[ID_COLUMN] as string) : null,
      segmentId: bundle.segments[cluster].segmentId,
      cluster,
      pca: { x: pca[i * p], y: pca[i * p + 1] },
      distances: bundle.segments.map((s, c) => ({ cluster: c, segmentId: s.segmentId, distance: distances[i * k + c] })),
      explanation: explain(bundle, raw.data.subarray(i * width, (i + 1) * width), scaled.data.subarray(i * scaled.cols, (i + 1) * scaled.cols)),
      warnings: warnings[i],
    };
  });
}

/** The clustered features with the largest |scaled value|; a value exactly at the median explains nothing and is skipped. */
function explain(bundle: ModelBundle, rawRow: Float64Array, scaledRow: Float64Array): FeatureExplanation[] {
  const { featureNames, log1p, imputer } = bundle.preprocessor;
  const order = featureNames
    .map((_, j) => j)
    .filter((j) => scaledRow[j] !== 0)
    // Stable sort: equal magnitudes stay in feature order.
    .sort((a, b) => Math.abs(scaledRow[b]) - Math.abs(scaledRow[a]))
    .slice(0, EXPLAINED_FEATURES);
  return order.map((j) => {
    const feature = featureNames[j];
    const given = rawRow[FEATURE_NAMES.indexOf(feature)];
    const imputed = Number.isNaN(given);
    const rawValue = imputed ? imputer.values[j] : given;
    const scaledValue = scaledRow[j];
    const direction = scaledValue > 0 ? 'above' : 'below';
    const note = [log1p[j] ? 'log scale' : null, `value ${rawValue}${imputed ? ', imputed' : ''}`].filter((s) => s !== null).join('; ');
    return {
      feature,
      scaledValue,
      direction,
      logScale: log1p[j],
      rawValue,
      imputed,
      text: `${feature} ${Math.abs(scaledValue).toFixed(1)}× IQR ${direction} the median (${note})`,
    };
  });
}
