import type { RequestCaller } from '@seg/nest';
import type { TrainingTrigger } from '../training-runs/training-runs.repository';

/**
 * Start a training run; how it was started is recorded with it. `caller`: who asked through trainModel, recorded in
 * the model audit; null for the CLI, the cron and a drift alert (the trigger says which).
 */
export class TrainModelCommand {
  constructor(
    readonly trigger: TrainingTrigger,
    readonly caller: RequestCaller | null = null,
  ) {}
}
