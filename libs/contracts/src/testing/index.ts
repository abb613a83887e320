import { FEATURE_NAMES } from '@seg/ml';
import type { CustomerFeaturesEvent } from '../events/customer-features.event';

/**
 * A valid `customers.features.v1` value of `customerId`: BALANCE `balance`, every other feature 1, written at
 * `updatedAt`; with `occurredAt` when given (without it, a record from before that field).
 */
export function customerFeaturesEvent(customerId: string, balance: number | null, updatedAt: string, occurredAt?: string): CustomerFeaturesEvent {
  return {
    customerId,
    features: Object.fromEntries(FEATURE_NAMES.map((name) => [name, name === 'BALANCE' ? balance : 1])),
    source: 'kafka',
    batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
    updatedAt,
    ...(occurredAt === undefined ? {} : { occurredAt }),
  };
}
