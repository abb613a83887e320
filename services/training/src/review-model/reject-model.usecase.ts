import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ModelAuditRepository } from '../model-audit/model-audit.repository';
import { TrainingRunsRepository, type TrainingRunRecord } from '../training-runs/training-runs.repository';
import type { RejectModelCommand } from './reject-model.command';

const MAX_REASON_LENGTH = 2_000;

/** The run is not waiting for review (never was, or was promoted, rejected or superseded), or the reason is unusable. */
export class RejectionRefusedError extends Error {
  override readonly name = 'RejectionRefusedError';
}

/** A run waiting for review is rejected: its version stays registered but never becomes the champion by this run. Audited. */
@Injectable()
export class RejectModelUseCase {
  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly audit: ModelAuditRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  async execute(command: RejectModelCommand): Promise<TrainingRunRecord> {
    const reason = command.reason.trim();
    if (reason === '') throw new RejectionRefusedError('a rejection needs a reason');
    if (reason.length > MAX_REASON_LENGTH) throw new RejectionRefusedError(`the reason is ${reason.length} characters long, at most ${MAX_REASON_LENGTH}`);
    return this.dataSource.transaction(async (manager) => {
      const rejected = await this.runs.decideReview(manager, command.runId, 'rejected');
      if (rejected === null) {
        const run = await this.runs.byId(command.runId);
        throw new RejectionRefusedError(run === null ? `no training run ${command.runId}` : `training run ${run.id} is ${run.status}, not awaiting review`);
      }
      await this.audit.record(manager, {
        action: 'reject',
        modelName: this.config.settings.TRAINING_MODEL_NAME,
        modelVersion: rejected.modelVersion,
        trainingRunId: rejected.id,
        caller: command.caller,
        detail: { reason },
      });
      return rejected;
    });
  }
}
