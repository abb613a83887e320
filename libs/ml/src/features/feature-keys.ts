import { FEATURES, type FeatureValues } from './feature-schema';

/** A customer's features by camelCase key (GraphQL input and output); `null` is a missing value. */
export type FeatureValuesByKey = Record<string, number | null>;

/** CSV names → camelCase keys. Only the 17 schema features are carried; absent ones stay absent. */
export function toFeatureKeys(values: Readonly<FeatureValues>): FeatureValuesByKey {
  const out: FeatureValuesByKey = {};
  for (const spec of FEATURES) {
    if (values[spec.name] !== undefined) out[spec.key] = values[spec.name];
  }
  return out;
}

/**
 * camelCase keys → CSV names, for validation with `validateCustomer`. Unknown keys are ignored (as in
 * raw events); an absent key stays absent, so validation sees it as missing rather than this mapping
 * inventing a value.
 */
export function fromFeatureKeys<T extends number | string | null>(values: Readonly<Record<string, T | undefined>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const spec of FEATURES) {
    const value = values[spec.key];
    if (value !== undefined) out[spec.name] = value;
  }
  return out;
}
