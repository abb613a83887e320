import type { RequestCaller } from '@seg/nest';
import type { TrainingTrigger } from '../training-runs/training-run.record';

/** Start a training run; how it was started is recorded with it, and a caller's request in the model audit. */
export class TrainModelCommand {
  constructor(
    readonly trigger: TrainingTrigger,
    readonly requestedBy: RequestCaller | null = null,
  ) {}
}
