import { FEATURES } from '@seg/ml';

/**
 * The features' columns, in schema order, of every service's copy of a customer's features (ingestion's `customers`,
 * training's and scoring's `customer_features`): derived from `FEATURES`, where each feature names its column.
 */
export const FEATURE_COLUMNS: readonly string[] = FEATURES.map((spec) => spec.column);
