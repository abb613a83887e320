import type { RequestCaller } from '@seg/nest';

/** Reject the model of a training run waiting for review, with the reason; recorded with the caller in the model audit. */
export class RejectModelCommand {
  constructor(
    readonly runId: string,
    readonly reason: string,
    readonly caller: RequestCaller,
  ) {}
}
