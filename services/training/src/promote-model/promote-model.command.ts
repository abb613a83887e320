/**
 * Make a version the champion, named by its version or by the training run that made it (a run waiting for
 * review); `force` skips the gate and is recorded; `decidedBy` is the caller, for the audit.
 */
export class PromoteModelCommand {
  constructor(
    readonly target: { readonly version: string } | { readonly runId: string },
    readonly force: boolean,
    readonly decidedBy: string,
  ) {}
}
