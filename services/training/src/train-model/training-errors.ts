/** A second run while one is in progress. */
export class TrainingInProgressError extends Error {
  override readonly name = 'TrainingInProgressError';
  constructor(runningId: string | null) {
    super(`a training run is already in progress${runningId === null ? '' : ` (run ${runningId})`}: wait for it to finish`);
  }
}

/** The feature copy cannot support a fit. */
export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}
