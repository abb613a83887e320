import type { CustomerFeaturesEvent } from '@seg/contracts';
import { FEATURE_NAMES, type CustomerFeatures } from '@seg/ml';
import type { CustomerStamp } from '../customers/customer-columns';

/** The canonical `customers.features.v1` value: all 17 features by CSV name, null when missing. */
export function buildCustomerFeaturesEvent(customer: CustomerFeatures, stamp: CustomerStamp): CustomerFeaturesEvent {
  const features: Record<string, number | null> = {};
  for (const name of FEATURE_NAMES) features[name] = customer.features[name] ?? null;
  return {
    customerId: customer.customerId,
    features,
    source: stamp.source,
    batchId: stamp.batchId,
    updatedAt: stamp.updatedAt.toISOString(),
  };
}
