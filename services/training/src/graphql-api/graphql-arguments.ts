import { BadRequestException } from '@nestjs/common';
import { UserInputError } from '@seg/nest';

const MAX_FIRST = 200;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `first` of the lists (runs, versions, audit): 1 to 200. */
export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw new BadRequestException(`first must be between 1 and ${MAX_FIRST}, got ${first}`);
}

/** A training run id argument: a UUID, or BAD_USER_INPUT naming the argument. */
export function checkRunId(runId: string, argument = 'runId'): void {
  if (!RUN_ID.test(runId)) throw new UserInputError(`${argument} must be a training run id (a UUID), got '${runId.slice(0, 64)}'`, argument);
}
