import { z } from 'zod';

/**
 * The value of a `models.promoted.v1` record (key: the registered model's name): a model version became
 * the champion. Consumers (scoring) download `bundleUri` and re-score; the topic is compacted, so the
 * latest record per model is the current champion.
 */
export const modelPromotedEventSchema = z.object({
  modelName: z.string().min(1),
  /** MLflow numbers versions 1, 2, … and sends them as strings. */
  version: z.string().regex(/^\d+$/),
  /** The MLflow run that produced the bundle. */
  runId: z.string().min(1),
  /** `mlflow-artifacts:/…/bundle.json`, the model version's source. */
  bundleUri: z.string().min(1),
  /** ISO-8601 instant of the promotion. */
  promotedAt: z.string().datetime({ offset: true }),
  /** The version's metrics as logged to MLflow (inertia, silhouette, share_<segmentId>, …). */
  metrics: z.record(z.number().finite()),
});

export interface ModelPromotedEvent {
  readonly modelName: string;
  readonly version: string;
  readonly runId: string;
  readonly bundleUri: string;
  readonly promotedAt: string;
  readonly metrics: Readonly<Record<string, number>>;
}

/** Validates a consumed `models.promoted.v1` value; throws (→ DLQ) when it is not one. */
export function parseModelPromotedEvent(value: unknown): ModelPromotedEvent {
  return modelPromotedEventSchema.parse(value);
}
