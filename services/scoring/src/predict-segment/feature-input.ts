import { featureByName, fromFeatureKeys, predict, PredictInputError, type CustomerPrediction, type ModelBundle } from '@seg/ml';
import { UserInputError } from '@seg/nest';
import type { CustomerFeaturesInput } from './segment-prediction.model';

/**
 * Predicts one customer given by camelCase features, validated by the feature schema of @seg/ml; the first
 * invalid feature is reported as BAD_USER_INPUT with its GraphQL name (e.g. `purchasesFrequency`) and
 * every problem in the message.
 */
export function predictFromInput(bundle: ModelBundle, input: CustomerFeaturesInput): CustomerPrediction {
  try {
    return predict(bundle, [fromFeatureKeys<number | null>(input)])[0];
  } catch (error) {
    if (!(error instanceof PredictInputError)) throw error;
    const errors = error.invalid.flatMap((customer) => customer.errors);
    const column = errors.find((e) => e.column !== null)?.column ?? null;
    const field = column === null ? undefined : (featureByName(column)?.key ?? column);
    throw new UserInputError(`invalid customer features: ${errors.map((e) => e.reason).join('; ')}`, field);
  }
}
