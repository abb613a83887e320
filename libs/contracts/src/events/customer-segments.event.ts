import { z } from 'zod';

/**
 * The value of a `customers.segments.v1` record (key: the customer id): the customer's assignment after
 * it changed (a new customer, a moved PCA position, a new segment or a new champion model).
 */
export const customerSegmentsEventSchema = z.object({
  customerId: z.string().min(1),
  /** Stable semantic id (transactors, revolvers, low-activity, cash-advance; `cluster-<n>` for an unidentified cluster). */
  segmentId: z.string().min(1),
  /** The MLflow model version that scored the customer. */
  modelVersion: z.string().regex(/^\d+$/),
  pca: z.object({ x: z.number().finite(), y: z.number().finite() }),
  /** Euclidean distance to the segment's centroid in the model's scaled space. */
  distance: z.number().finite().nonnegative(),
  /** ISO-8601 instant of the scoring write. */
  scoredAt: z.string().datetime({ offset: true }),
});

export interface CustomerSegmentsEvent {
  readonly customerId: string;
  readonly segmentId: string;
  readonly modelVersion: string;
  readonly pca: { readonly x: number; readonly y: number };
  readonly distance: number;
  readonly scoredAt: string;
}

/** Validates a consumed `customers.segments.v1` value; throws when it is not one. */
export function parseCustomerSegmentsEvent(value: unknown): CustomerSegmentsEvent {
  return customerSegmentsEventSchema.parse(value);
}
