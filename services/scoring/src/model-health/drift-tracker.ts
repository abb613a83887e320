import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BinCounts, countRows, DriftMonitor, observeRows, resolveDriftThresholds, type DriftMonitorOptions } from '@seg/ml';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { ChampionStore, type Champion } from '../champion/champion.store';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { selectCustomers, type FeatureBatch } from '../customer-features/feature-batch';
import { driftOptions } from './drift-options';

/** One champion's drift state in this process. */
export interface TrackedChampion {
  readonly champion: Champion;
  readonly monitor: DriftMonitor;
  /** When the population counts were last rebuilt from the stored features; null until the first rebuild ends. */
  populationBuiltAt: Date | null;
  /** A rebuild in progress: its counts so far and the last customer id read. */
  rebuild: { readonly counts: BinCounts; cursor: string } | null;
}

/**
 * The drift monitor of the current champion in this replica (`@seg/ml`'s DriftMonitor): the inflow window and the
 * shadow K-Means fed with every scored event of this replica's partitions, and the population counts of every
 * stored customer. The population is rebuilt from the stored features (binary COPY pages, in the background) when
 * a champion is first seen and every SCORING_DRIFT_POPULATION_REFRESH_MS; in between, each feature batch of this
 * replica takes the changed customers' previous rows out and adds their new rows. A batch that commits while its
 * customers' page is being read can leave their previous state counted until the next rebuild: exact otherwise.
 */
@Injectable()
export class DriftTracker implements OnModuleDestroy {
  private readonly logger = new Logger(DriftTracker.name);
  /** This process among the replicas that save their drift state (random: replicas in one process differ too). */
  readonly replicaId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly enabled: boolean;
  readonly options: DriftMonitorOptions;
  private tracked: TrackedChampion | null = null;
  private stopped = false;

  constructor(
    private readonly champions: ChampionStore,
    private readonly features: CustomerFeaturesRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {
    this.enabled = config.settings.SCORING_DRIFT_MONITOR === 'on';
    this.options = driftOptions(config.settings);
    // Refuses to boot with inconsistent thresholds (e.g. watch above alert), listing every problem.
    resolveDriftThresholds(this.options.thresholds);
  }

  /** The current champion's state, made (and its population rebuild started) when a champion is first seen; null without one or when off. */
  current(): TrackedChampion | null {
    const champion = this.champions.current();
    if (!this.enabled || champion === null) return null;
    if (this.tracked?.champion !== champion) {
      this.tracked = { champion, monitor: new DriftMonitor(champion.bundle, this.options), populationBuiltAt: null, rebuild: null };
      void this.rebuildPopulation(this.tracked);
    }
    return this.tracked;
  }

  /**
   * A committed feature batch scored with `champion`: its rows go into the inflow window and the shadow K-Means,
   * and the population trades the customers' previous rows for the new ones. A batch of a champion that is no
   * longer current is left out: the new champion's population is rebuilt from the stored features anyway.
   */
  observe(champion: Champion, scored: FeatureBatch, previous: FeatureBatch, atMs: number): void {
    const state = this.current();
    if (state === null || state.champion !== champion || scored.matrix.rows === 0) return;
    const { model, inflow, shadow, population } = state.monitor;
    if (model === null || inflow === null || population === null) return;
    // One transform per row for the window, the shadow and the population: the batch's bins are counted once
    // (the lib's observeRows), then added to the window's open block and to the population.
    const counts = BinCounts.of(model);
    observeRows(model, scored.matrix, counts, shadow);
    inflow.blockAt(atMs).add(counts);
    this.changePopulation(state, previous, -1);
    if (state.populationBuiltAt !== null) population.add(counts);
    this.changeRebuild(state, scored, 1);
  }

  /** Starts a rebuild of the population counts unless one is running (the periodic refresh). */
  refreshPopulation(): void {
    const state = this.current();
    if (state !== null) void this.rebuildPopulation(state);
  }

  onModuleDestroy(): void {
    this.stopped = true;
  }

  private changePopulation(state: TrackedChampion, rows: FeatureBatch, weight: number): void {
    if (rows.matrix.rows === 0) return;
    if (state.populationBuiltAt !== null) state.monitor.addPopulation(rows.matrix, weight);
    this.changeRebuild(state, rows, weight);
  }

  private changeRebuild(state: TrackedChampion, rows: FeatureBatch, weight: number): void {
    const { model } = state.monitor;
    const rebuild = state.rebuild;
    if (model === null || rebuild === null || rows.matrix.rows === 0) return;
    // Customers after the cursor are read by a later page of the rebuild, in the state this batch committed.
    const read = new Set(rows.customerIds.filter((id) => id <= rebuild.cursor));
    if (read.size > 0) countRows(model, selectCustomers(rows, read).matrix, rebuild.counts, weight);
  }

  private async rebuildPopulation(state: TrackedChampion): Promise<void> {
    const { model, population } = state.monitor;
    if (model === null || population === null || state.rebuild !== null) return;
    const rebuild = { counts: BinCounts.of(model), cursor: '' };
    state.rebuild = rebuild;
    const pageSize = this.config.settings.SCORING_RESCORE_PAGE_SIZE;
    const runner = this.dataSource.createQueryRunner();
    const started = Date.now();
    try {
      for (;;) {
        if (this.stopped || this.tracked !== state) return;
        const page = await this.features.pageAfter(runner, rebuild.cursor === '' ? null : rebuild.cursor, pageSize);
        if (page.customerIds.length === 0) break;
        countRows(model, page.matrix, rebuild.counts);
        rebuild.cursor = page.customerIds[page.customerIds.length - 1];
        if (page.customerIds.length < pageSize) break;
      }
      population.clear().add(rebuild.counts);
      state.populationBuiltAt = new Date();
      this.logger.log(`Population counts of version ${state.champion.version}: ${population.total} customers in ${Date.now() - started} ms`);
    } catch (error) {
      // Not fatal: the population reports what it has, and the next refresh tries again.
      if (!this.stopped) this.logger.warn(`Rebuilding the population counts failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      state.rebuild = null;
      await runner.release();
    }
  }
}
