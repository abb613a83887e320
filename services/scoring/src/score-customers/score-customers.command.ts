import type { CustomerFeaturesEvent } from '@seg/contracts';

/** A batch of validated `customers.features.v1` values, in topic order. */
export class ScoreCustomersCommand {
  constructor(readonly events: readonly CustomerFeaturesEvent[]) {}
}
