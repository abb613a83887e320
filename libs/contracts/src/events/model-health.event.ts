import { DRIFT_STATUSES, type DriftStatus } from '@seg/ml';
import { z } from 'zod';

const status = z.enum(DRIFT_STATUSES as [DriftStatus, ...DriftStatus[]]);

/**
 * The value of a `models.health.v1` record (key: the registered model's name): the champion's overall drift
 * status changed. Sent once per change across scoring replicas; training may retrain on `alert`
 * (TRAINING_RETRAIN_ON_DRIFT), operators alert on it. The figures behind it are in GraphQL `modelHealth`.
 */
export const modelHealthEventSchema = z.object({
  modelName: z.string().min(1),
  /** The champion version the status is about. */
  version: z.string().regex(/^\d+$/),
  status,
  /** The status before the change; null for the first status of a version. */
  previousStatus: status.nullable(),
  /** Each signal's status: inflow and population feature PSI, segment shares, shadow centroids. */
  signals: z.object({ inflow: status, population: status, segmentShares: status, centroids: status }),
  /** ISO-8601 instant the status was computed. */
  computedAt: z.string().datetime({ offset: true }),
});

export interface ModelHealthEvent {
  readonly modelName: string;
  readonly version: string;
  readonly status: DriftStatus;
  readonly previousStatus: DriftStatus | null;
  readonly signals: { readonly inflow: DriftStatus; readonly population: DriftStatus; readonly segmentShares: DriftStatus; readonly centroids: DriftStatus };
  readonly computedAt: string;
}

/** Validates a consumed `models.health.v1` value; throws (→ DLQ) when it is not one. */
export function parseModelHealthEvent(value: unknown): ModelHealthEvent {
  return modelHealthEventSchema.parse(value);
}
