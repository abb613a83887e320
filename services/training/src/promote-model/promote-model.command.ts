/** Make a registered version the champion; `force` skips the gate and is recorded. */
export class PromoteModelCommand {
  constructor(
    readonly version: string,
    readonly force: boolean,
  ) {}
}
