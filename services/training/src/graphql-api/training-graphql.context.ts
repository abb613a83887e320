import type { RequestCaller } from '@seg/nest';

/** Built per request (see AppModule): who calls, for the model audit. */
export interface TrainingGraphqlContext {
  readonly caller: RequestCaller;
}
