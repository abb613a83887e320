/** Reject the model of a training run waiting for review, with the reason; `decidedBy` is the caller, for the audit. */
export class RejectModelCommand {
  constructor(
    readonly runId: string,
    readonly reason: string,
    readonly decidedBy: string,
  ) {}
}
