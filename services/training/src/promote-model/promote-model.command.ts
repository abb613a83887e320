import type { RequestCaller } from '@seg/nest';

/** Make a registered version the champion; `force` skips the gate; both are recorded with the caller in the model audit. */
export class PromoteModelCommand {
  constructor(
    readonly version: string,
    readonly force: boolean,
    readonly promotedBy: RequestCaller,
  ) {}
}
