// The public API of @seg/ml: what the services, the benchmarks, the scripts and the lib's own command line use,
// with the types that name its inputs, results and errors, and the whole drift and review API. Everything else
// is internal to the lib; export a symbol here when code outside libs/ml needs it.

// Features: the schema of the 17 columns, and validation of a record or a raw event.
export {
  FEATURE_NAMES, FEATURES, featureByName, ID_COLUMN,
  type CustomerFeatures, type FeatureSpec, type FeatureUnit, type FeatureValues,
} from './features/feature-schema';
export type { FeatureWarning, FieldError } from './features/feature-value';
export { isIsoInstant, validateRawCustomerEvent, type RawCustomerEvent, type RawCustomerEventValidation } from './features/validate-customer';
export { fromFeatureKeys, toFeatureKeys, type FeatureValuesByKey } from './features/feature-keys';

// The streaming, validating CSV parser, and text made storable.
export {
  CsvHeaderError, DEFAULT_MAX_REJECTED_RAW_LENGTH, parseCustomerCsv, parseCustomerCsvText, parseCustomerCsvToMatrix,
  type CsvWarning, type CustomerCsvBatch, type CustomerCsvMatrixResult, type CustomerCsvOptions, type CustomerCsvResult, type RejectedRow,
} from './csv/customer-csv-parser';
export { storableText } from './text/storable-text';

// Matrices and the pipeline's building blocks (the ML benchmark times them one by one).
export { createSharedMatrix, type Matrix } from './matrix';
export { DEFAULT_PIPELINE_CONFIG, PipelineConfigError, resolvePipelineConfig, type PipelineConfig } from './preprocessing/pipeline-config';
export { IMPUTE_STRATEGIES, type ImputeStrategy } from './preprocessing/imputer';
export { fitPreprocessor, transformRaw } from './preprocessing/preprocessor';
export { fitPca } from './pca/pca';
export { fitKMeans } from './kmeans/fit-kmeans';
export { predictFromRawParallel } from './kmeans/predict-from-raw';
export { silhouette } from './metrics/silhouette';

// The model: fit (in-process or on a worker), its report, the bundle, predict and similar customer.
export {
  FitError, fitSegmentationModel,
  type FitOptions, type FitResult, type FitStage, type RawTrainingData,
} from './model/fit-segmentation-model';
export { fitSegmentationModelInWorker } from './model/fit-in-worker';
export { buildFitReport, formatFitReport, type FitReport } from './model/fit-report';
export {
  deserializeBundle, ModelBundleError, serializeBundle,
  type ModelBundle, type ReferencedModelBundle, type UnreferencedModelBundle,
} from './model/model-bundle';
export { predict, PredictInputError, predictMatrix, type CustomerPrediction } from './model/predict';
export { similarCustomer, SimilarCustomerError, type SimilarCustomer } from './model/similar-customer';

// Segments: the stable ids that offers are keyed by.
export { isSegmentId, SEGMENT_DEFINITIONS, SEGMENT_IDS, type SegmentDefinition, type SegmentId } from './segments/segment-definitions';

// Seeded synthetic customers (demo data, benchmarks, tests).
export { SeededRandom } from './synthetic/random';
export { SyntheticCustomerGenerator, syntheticCustomers, syntheticMatrix } from './synthetic/synthetic-customers';

// Drift monitoring: the reference a bundle carries, counts per bin, PSI, segment shares, the shadow K-Means,
// the monitor and its health report.
export {
  BinCounts,
  centroidDisplacement, noReferenceCentroidDisplacement, type CentroidDisplacement, type CentroidDisplacementReport,
  CountWindow, type CountWindowOptions,
  compileDriftModel, type DriftModel,
  DEFAULT_INFLOW_WINDOW, DriftMonitor, type DriftMonitorOptions, type ModelHealth,
  DEFAULT_DRIFT_THRESHOLDS, DRIFT_STATUSES, resolveDriftThresholds, severity, worstStatus, type DriftStatus, type DriftThresholds,
  featureDrift, noReferenceFeatureDrift, type FeatureDrift, type FeatureDriftReport,
  computeModelReference, REFERENCE_BINS, type FeatureReference, type ModelReference,
  countRows, observeRows,
  populationStabilityIndex, PSI_EPSILON,
  segmentShareDrift, type SegmentCount, type SegmentShareChange, type SegmentShareDrift,
  DEFAULT_SHADOW_HALF_LIFE, ShadowKMeans,
} from './drift';

// The challenger review: how a new model would move customers between segments and offers.
export { compareAssignments, REVIEW_SEGMENTS, reviewChallenger, type ChallengerReview, type OfferChanges, type ReviewShare } from './review';
