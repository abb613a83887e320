import type { RequestCaller } from '@seg/nest';

/**
 * Make a version the champion, named by its version or by the training run that made it (a run waiting for
 * review); `force` skips the gate; both are recorded with the caller in the model audit.
 */
export class PromoteModelCommand {
  constructor(
    readonly target: { readonly version: string } | { readonly runId: string },
    readonly force: boolean,
    readonly caller: RequestCaller,
  ) {}
}
