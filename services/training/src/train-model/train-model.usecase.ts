import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fitSegmentationModelInWorker, predictMatrix, serializeBundle, type ChallengerReview, type FitResult, type FitStage, type ModelBundle } from '@seg/ml';
import { isMlflowError, MlflowClient } from '@seg/mlflow';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { parseSweep, TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { ModelAuditRepository, PLATFORM_CALLERS } from '../model-audit/model-audit.repository';
import { ChampionPromoter } from '../model-versions/champion.promoter';
import { RegisteredChampionReader, type Champion } from '../model-versions/registered-champion.reader';
import { ModelVersionsRepository } from '../model-versions/model-versions.repository';
import { reviewAgainstChampion } from '../review-model/challenger-review';
import { TrainingRunsRepository, type TrainingRunRecord } from '../training-runs/training-runs.repository';
import { runMetrics, runParams, summaryMetrics } from './mlflow-run.mapper';
import { buildPcaScatterSvg, SEGMENT_COLORS, UNASSIGNED_COLOR } from './pca-scatter.svg';
import { evaluatePromotionGate } from './promotion-gate';
import type { TrainModelCommand } from './train-model.command';
import { TrainingDataError, TrainingInProgressError } from './training-errors';
import { TrainingLock } from './training.lock';

const K = 4;
// Percent reached when each stage starts; the fit's own stages fill FIT_START..FIT_END.
const PROGRESS = { loadFeatures: 2, loadChampion: 8, fit: 10, fitEnd: 68, review: 69, logMlflow: 72, register: 88, gate: 95 } as const;

export interface StartedTrainingRun {
  readonly run: TrainingRunRecord;
  /** Settles when the run has finished, successfully or not (never rejects: a failure is the run's state). */
  readonly completion: Promise<TrainingRunRecord>;
}

/**
 * A training run: the feature copy → fit (segment ids matched to the champion) → challenger review (both models
 * on the same customers: move matrix, agreement, offer changes, share changes) → MLflow run with params, metrics
 * and artifacts → registered version → promotion gate → in `auto` mode champion alias, our copy and
 * `models.promoted.v1`; in `review` mode the run waits (`awaiting-review`) for an admin, superseding an older
 * waiting run. The CLI, the cron, the drift trigger and the mutation all come through here.
 */
@Injectable()
export class TrainModelUseCase {
  private readonly logger = new Logger(TrainModelUseCase.name);

  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly features: CustomerFeaturesRepository,
    private readonly champions: RegisteredChampionReader,
    private readonly promoter: ChampionPromoter,
    private readonly lock: TrainingLock,
    private readonly mlflow: MlflowClient,
    private readonly audit: ModelAuditRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  /** Runs to the end; the run's state says whether it succeeded. Throws TrainingInProgressError only. */
  async execute(command: TrainModelCommand): Promise<TrainingRunRecord> {
    return (await this.start(command)).completion;
  }

  /** Takes the lock and records the run (and who asked for it, in the audit), then trains in the background. */
  async start(command: TrainModelCommand): Promise<StartedTrainingRun> {
    const lease = await this.lock.tryAcquire();
    if (lease === null) throw new TrainingInProgressError((await this.runs.running())?.id ?? null);
    let run: TrainingRunRecord;
    try {
      run = await this.dataSource.transaction(async (manager) => {
        const created = await this.runs.create(randomUUID(), command.trigger, manager);
        if (command.caller !== null) {
          const modelName = this.config.settings.TRAINING_MODEL_NAME;
          await this.audit.record(manager, { action: 'train', modelName, modelVersion: null, trainingRunId: created.id, caller: command.caller, detail: {} });
        }
        return created;
      });
    } catch (error) {
      await lease.release();
      throw error;
    }
    const completion = this.train(run.id).finally(() => lease.release().catch((error) => this.logger.error(`releasing the training lock: ${error}`)));
    return { run, completion };
  }

  private async train(runId: string): Promise<TrainingRunRecord> {
    const timingsMs: Record<string, number> = {};
    let progressWrites = Promise.resolve();
    const progress = (stage: string, percent: number) => {
      // Serialised and never awaited by the fit: progress is best effort, the result is not.
      progressWrites = progressWrites.then(() => this.runs.setProgress(runId, stage, percent)).catch(() => undefined);
    };
    async function timed<T>(stage: string, percent: number, work: () => Promise<T>): Promise<T> {
      progress(stage, percent);
      const started = performance.now();
      try {
        return await work();
      } finally {
        timingsMs[stage] = Math.round(performance.now() - started);
      }
    }
    let mlflowRunId: string | null = null;
    try {
      const data = await timed('load-features', PROGRESS.loadFeatures, () => this.features.loadTrainingData());
      if (data.matrix.rows <= K) throw new TrainingDataError(`the feature copy holds ${data.matrix.rows} customer(s): need more than ${K} to fit ${K} segments`);
      const champion = await timed('load-champion', PROGRESS.loadChampion, () => this.champions.current());
      const sweep = parseSweep(this.config.settings.TRAINING_SWEEP);
      const fit = await timed('fit', PROGRESS.fit, () =>
        // On a worker: a fit holds a thread for seconds, which would stall Kafka heartbeats and /health.
        fitSegmentationModelInWorker(data, { k: K }, {
          previous: champion?.bundle,
          sweep,
          onProgress: (stage: FitStage, fraction: number) =>
            progress(`fit:${stage}`, PROGRESS.fit + fraction * (PROGRESS.fitEnd - PROGRESS.fit)),
        }),
      );
      const params = runParams(fit.bundle, sweep);
      const metrics = summaryMetrics(fit.bundle);
      await this.runs.saveResults(runId, { params, metrics });

      const review = await timed('review', PROGRESS.review, async () => {
        if (champion === null) return null;
        const { review, map } = reviewAgainstChampion(champion.bundle, fit.bundle, data.matrix, data.customerIds);
        await this.runs.saveResults(runId, { review, championVersion: champion.version });
        await this.runs.saveReviewMap(runId, map);
        return review;
      });

      const logged = await timed('log-mlflow', PROGRESS.logMlflow, () => this.logToMlflow(runId, fit, data.matrix, champion, review));
      mlflowRunId = logged.mlflowRunId;
      const version = await timed('register', PROGRESS.register, () => this.register(runId, fit.bundle, logged, metrics));
      await this.mlflow.setTerminated(logged.mlflowRunId, 'FINISHED');

      const gate = await timed('gate', PROGRESS.gate, async () => {
        const result = evaluatePromotionGate(fit.bundle, champion?.bundle ?? null, {
          minSegmentShare: this.config.settings.TRAINING_MIN_SEGMENT_SHARE,
          silhouetteMargin: this.config.settings.TRAINING_SILHOUETTE_MARGIN,
        });
        // The first model has no assignments to change, so there is nothing to review: the gate decides.
        if (result.passed && !this.waitsForReview(champion)) await this.promoter.promote(version, { forced: false, caller: PLATFORM_CALLERS.gate });
        return result;
      });
      await progressWrites;
      await this.runs.saveResults(runId, { gate, timingsMs: { ...timingsMs, ...prefixed('fit_', fit.timingsMs) } });
      if (gate.passed && this.waitsForReview(champion)) return await this.awaitReview(runId, version.version);
      return await this.runs.finish(runId, 'succeeded', null);
    } catch (error) {
      const reason = this.describeFailure(error);
      this.logger.error(`training run ${runId} failed: ${reason}`);
      if (mlflowRunId !== null) await this.mlflow.setTerminated(mlflowRunId, 'FAILED').catch(() => undefined);
      await progressWrites;
      await this.runs.saveResults(runId, { timingsMs }).catch(() => undefined);
      return this.runs.finish(runId, 'failed', reason);
    }
  }

  private waitsForReview(champion: Champion | null): boolean {
    return this.config.settings.TRAINING_PROMOTION_MODE === 'review' && champion !== null;
  }

  /** The run waits for an admin; a run that waited before it is superseded (audited as decided by the newer run). */
  private async awaitReview(runId: string, version: string): Promise<TrainingRunRecord> {
    const waiting = await this.runs.finish(runId, 'awaiting-review', null);
    await this.dataSource.transaction(async (manager) => {
      for (const older of await this.runs.awaitingReview(manager, runId)) {
        await this.runs.decideReview(manager, older.id, 'superseded');
        await this.audit.record(manager, {
          action: 'supersede',
          modelName: this.config.settings.TRAINING_MODEL_NAME,
          modelVersion: older.modelVersion,
          trainingRunId: older.id,
          caller: PLATFORM_CALLERS.newerRun,
          detail: { reason: `run ${runId} (version ${version}) is newer` },
        });
      }
    });
    this.logger.log(`Training run ${runId} (version ${version}) passed the gate and awaits review`);
    return waiting;
  }

  private async logToMlflow(runId: string, fit: FitResult, raw: Parameters<typeof predictMatrix>[1], champion: Champion | null, review: ChallengerReview | null) {
    const { bundle } = fit;
    const { TRAINING_EXPERIMENT, TRAINING_MODEL_NAME } = this.config.settings;
    const experiment = await this.mlflow.getOrCreateExperiment(TRAINING_EXPERIMENT);
    const run = await this.mlflow.createRun({
      experimentId: experiment.experimentId,
      runName: `train-${runId.slice(0, 8)}`,
      tags: {
        training_run_id: runId,
        model_name: TRAINING_MODEL_NAME,
        previous_champion_version: champion?.version ?? 'none',
        'mlflow.source.name': 'services/training',
      },
    });
    const mlflowRunId = run.info.runId;
    await this.runs.saveResults(runId, { mlflowExperimentId: experiment.experimentId, mlflowRunId });
    const reviewMetrics =
      review === null
        ? []
        : [
            { key: 'challenger_agreement', value: review.agreement, timestamp: Date.now(), step: 0 },
            { key: 'challenger_offer_changes', value: review.offerChanges.total, timestamp: Date.now(), step: 0 },
          ];
    await this.mlflow.logBatch(mlflowRunId, {
      params: runParams(bundle, parseSweep(this.config.settings.TRAINING_SWEEP)),
      metrics: [...runMetrics(bundle, Date.now()), ...reviewMetrics],
    });
    if (review !== null) {
      await this.mlflow.uploadArtifact(mlflowRunId, 'challenger-review.json', JSON.stringify({ championVersion: champion?.version, ...review }), 'application/json');
    }

    const { pca } = predictMatrix(bundle, raw);
    const svg = buildPcaScatterSvg({
      points: pca,
      seriesOfPoint: fit.labels,
      series: bundle.segments.map((s) => ({
        label: s.label ?? `cluster ${s.cluster} (no segment)`,
        color: s.segmentId === null ? UNASSIGNED_COLOR : SEGMENT_COLORS[s.segmentId],
      })),
      title: `Customers on the first two principal components: density of ${bundle.trainingData.rows} customers`,
    });
    const profiles = { segments: bundle.segments, profiles: bundle.profiles };
    await this.mlflow.uploadArtifact(mlflowRunId, 'bundle.json', serializeBundle(bundle), 'application/json');
    await this.mlflow.uploadArtifact(mlflowRunId, 'profiles.json', JSON.stringify(profiles), 'application/json');
    await this.mlflow.uploadArtifact(mlflowRunId, 'k-sweep.json', JSON.stringify(bundle.kSweep ?? []), 'application/json');
    await this.mlflow.uploadArtifact(mlflowRunId, 'pca-scatter.svg', svg, 'image/svg+xml');
    return { mlflowRunId, mlflowExperimentId: experiment.experimentId };
  }

  private async register(runId: string, bundle: ModelBundle, logged: { mlflowRunId: string; mlflowExperimentId: string }, metrics: Record<string, number>) {
    const modelName = this.config.settings.TRAINING_MODEL_NAME;
    await this.mlflow.createRegisteredModel(modelName, { description: 'Customer segmentation (K-Means over the credit-card features)' });
    const bundleUri = await this.mlflow.runArtifactUri(logged.mlflowRunId, 'bundle.json');
    const registered = await this.mlflow.createModelVersion({ name: modelName, source: bundleUri, runId: logged.mlflowRunId, tags: { training_run_id: runId } });
    await this.runs.saveResults(runId, { modelVersion: registered.version });
    return this.versions.insert({
      modelName,
      version: registered.version,
      trainingRunId: runId,
      mlflowRunId: logged.mlflowRunId,
      mlflowExperimentId: logged.mlflowExperimentId,
      bundleUri,
      bundle,
      segmentLabels: bundle.segments.map(({ cluster, segmentId, label }) => ({ cluster, segmentId, label })),
      metrics,
    });
  }

  private describeFailure(error: unknown): string {
    if (isMlflowError(error, 'NETWORK_ERROR') || isMlflowError(error, 'TIMEOUT')) {
      return `MLflow unreachable at ${this.config.mlflow.trackingUri}: ${(error as Error).message}`;
    }
    return error instanceof Error ? error.message : String(error);
  }
}

function prefixed(prefix: string, values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}${key}`, Math.round(value)]));
}
