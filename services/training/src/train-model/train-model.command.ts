import type { TrainingTrigger } from '../training-runs/training-run.record';

/** Start a training run; who asked is recorded with it. */
export class TrainModelCommand {
  constructor(readonly trigger: TrainingTrigger) {}
}
