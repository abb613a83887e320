import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { topicName, Topics, type ModelHealthEvent } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { BinCounts, DriftMonitor, SEGMENT_IDS, type DriftModel, type ModelHealth, type SegmentCount, type SegmentId } from '@seg/ml';
import type { DataSource } from 'typeorm';
import { ChampionHolder, type ChampionRejection } from '../champion/champion.holder';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { DriftStateRepository, type ReplicaDriftState, type StoredSegmentCount } from './drift-state.repository';
import { DriftTracker, type TrackedChampion } from './drift-tracker';
import { ModelHealthMetrics } from './model-health.metrics';

/** A replica's saved state counts while it is younger than this many check intervals. */
const LIVE_CHECKS = 3;

/** The champion's health as judged now, with what the panel draws it from. */
export interface ModelHealthAssessment {
  readonly modelName: string;
  readonly version: string;
  readonly health: ModelHealth;
  readonly computedAt: Date;
  /** Replicas whose inflow and shadow state are merged in. */
  readonly replicas: number;
  readonly window: { readonly maxEvents: number; readonly maxAgeMs: number };
  /** The champion's reference (null for a bundle without one) and the counts the feature PSI came from. */
  readonly model: DriftModel | null;
  readonly inflowCounts: BinCounts | null;
  readonly populationCounts: BinCounts | null;
  readonly populationBuiltAt: Date | null;
  readonly championRejected: ChampionRejection | null;
}

/**
 * Judges the champion's drift across replicas and sends `models.health.v1` once per change of the overall status:
 * saves this replica's inflow window counts and shadow K-Means (`drift_replicas`), merges every live replica's
 * (inflow counts summed: the window is per replica; shadow centroids averaged, weighted by the points each saw),
 * takes this replica's population counts (every replica counts all stored customers) and the current assignments
 * per segment, then, under a transaction-scoped advisory lock, compares the overall status with the last one sent
 * (`model_health_status`) and sends the change before it commits. The scheduler and `modelHealth` both come here.
 */
@Injectable()
export class AssessModelHealthUseCase {
  constructor(
    private readonly tracker: DriftTracker,
    private readonly states: DriftStateRepository,
    private readonly champions: ChampionHolder,
    private readonly producer: KafkaProducer,
    private readonly metrics: ModelHealthMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  /** null without a champion or with monitoring off. */
  async execute(): Promise<ModelHealthAssessment | null> {
    const state = this.tracker.current();
    if (state === null) return null;
    const computedAt = new Date();
    const { champion, monitor } = state;
    const { SCORING_DRIFT_CHECK_MS, SCORING_DRIFT_WINDOW_EVENTS, SCORING_DRIFT_WINDOW_MS } = this.config.settings;
    let replicas: ReplicaDriftState[] = [];
    if (monitor.model !== null && monitor.inflow !== null && monitor.shadow !== null) {
      const inflow = monitor.inflow.counts(computedAt.getTime());
      await this.states.save({
        replicaId: this.tracker.replicaId,
        modelVersion: champion.version,
        inflowCounts: Array.from(inflow.counts),
        inflowTotal: inflow.total,
        shadowCentroids: Array.from(monitor.shadow.centroids),
        shadowObserved: Array.from(monitor.shadow.observed),
        updatedAt: computedAt,
      });
      replicas = await this.states.fresh(champion.version, new Date(computedAt.getTime() - LIVE_CHECKS * SCORING_DRIFT_CHECK_MS));
    }
    const merged = this.merge(state, replicas, computedAt.getTime());
    const segmentCounts = toSegmentCounts(await this.states.segmentCounts(champion.version));
    const health = merged.health(segmentCounts, computedAt.getTime());
    this.metrics.record(this.champions.modelName, champion.version, health);
    await this.sendIfChanged(champion.version, health, computedAt);
    return {
      modelName: this.champions.modelName,
      version: champion.version,
      health,
      computedAt,
      replicas: replicas.length,
      window: { maxEvents: SCORING_DRIFT_WINDOW_EVENTS, maxAgeMs: SCORING_DRIFT_WINDOW_MS },
      model: merged.model,
      inflowCounts: merged.inflow?.counts(computedAt.getTime()) ?? null,
      populationCounts: merged.population,
      populationBuiltAt: state.populationBuiltAt,
      championRejected: this.champions.rejected(),
    };
  }

  /** A monitor of the champion holding every live replica's inflow and shadow state and this replica's population. */
  private merge(state: TrackedChampion, replicas: readonly ReplicaDriftState[], nowMs: number): DriftMonitor {
    const merged = new DriftMonitor(state.champion.bundle, this.tracker.options);
    const { model, inflow, shadow, population } = merged;
    if (model === null || inflow === null || shadow === null || population === null) return merged;
    const { d, k } = model;
    const sum = BinCounts.of(model);
    const observed = new Float64Array(k);
    const weighted = new Float64Array(k * d);
    for (const replica of replicas) {
      // A row of another shape belongs to a replica of another build: left out rather than misread.
      if (replica.inflowCounts.length !== sum.binCount || replica.shadowCentroids.length !== k * d || replica.shadowObserved.length !== k) continue;
      for (let b = 0; b < sum.binCount; b++) sum.counts[b] += replica.inflowCounts[b];
      sum.total += replica.inflowTotal;
      for (let c = 0; c < k; c++) {
        const points = replica.shadowObserved[c];
        observed[c] += points;
        for (let j = 0; j < d; j++) weighted[c * d + j] += points * replica.shadowCentroids[c * d + j];
      }
    }
    // One block: the sum is the replicas' windows, already cut to size.
    inflow.blockAt(nowMs).add(sum);
    for (let c = 0; c < k; c++) {
      if (observed[c] === 0) continue;
      for (let j = 0; j < d; j++) shadow.centroids[c * d + j] = weighted[c * d + j] / observed[c];
    }
    shadow.observed.set(observed);
    if (state.monitor.population !== null) population.add(state.monitor.population);
    return merged;
  }

  private async sendIfChanged(version: string, health: ModelHealth, computedAt: Date): Promise<void> {
    const modelName = this.champions.modelName;
    const signals = { inflow: health.inflow.status, population: health.population.status, segmentShares: health.segmentShares.status, centroids: health.centroids.status };
    await this.dataSource.transaction(async (manager) => {
      const key = `model-health:${this.config.settings.SCORING_DB_SCHEMA}:${modelName}`;
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [key]);
      // Another replica is judging right now and sends the change if there is one.
      if (!locked) return;
      const sent = await this.states.sentStatus(manager, modelName);
      if (sent?.modelVersion === version && sent.status === health.status) return;
      await this.states.recordSent(manager, modelName, version, health.status, signals, computedAt);
      const event: ModelHealthEvent = {
        modelName,
        version,
        status: health.status,
        previousStatus: sent?.modelVersion === version ? sent.status : null,
        signals,
        computedAt: computedAt.toISOString(),
      };
      // Sent before the commit: a failed send rolls the status back, and the next check sends it again.
      await this.producer.send(topicName(this.config.settings.SCORING_TOPIC_PREFIX, Topics.modelsHealth), [{ key: modelName, value: event }]);
    });
  }
}

/** Stored segment ids as the share drift counts them: a cluster without a segment id (`cluster-<n>`) is null. */
function toSegmentCounts(stored: readonly StoredSegmentCount[]): SegmentCount[] {
  return stored.map(({ segmentId, count }) => ({ segmentId: (SEGMENT_IDS as readonly string[]).includes(segmentId) ? (segmentId as SegmentId) : null, count }));
}
