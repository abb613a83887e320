import type { Matrix } from '../matrix';
import type { ModelBundle } from '../model/model-bundle';
import { BinCounts } from './bin-counts';
import { centroidDisplacement, noReferenceCentroidDisplacement, type CentroidDisplacementReport } from './centroid-displacement';
import { CountWindow, type CountWindowOptions } from './count-window';
import { compileDriftModel, type DriftModel } from './drift-model';
import { resolveDriftThresholds, worstStatus, type DriftStatus, type DriftThresholds } from './drift-status';
import { featureDrift, noReferenceFeatureDrift, type FeatureDriftReport } from './feature-drift';
import { countRows, observeRows } from './observe-rows';
import { segmentShareDrift, type SegmentCount, type SegmentShareDrift } from './segment-share-drift';
import { DEFAULT_SHADOW_HALF_LIFE, ShadowKMeans } from './shadow-kmeans';

export interface DriftMonitorOptions {
  /** The inflow window; default the last 50,000 events. */
  readonly window?: CountWindowOptions;
  /** Points per shadow centroid; default DEFAULT_SHADOW_HALF_LIFE. */
  readonly halfLife?: number;
  readonly thresholds?: Partial<DriftThresholds>;
}

/** Everything `modelHealth` and `models.health.v1` report: each signal with its status, and the worst of them. */
export interface ModelHealth {
  readonly status: DriftStatus;
  /** Feature PSI of the recent events. */
  readonly inflow: FeatureDriftReport;
  /** Feature PSI of every customer's current features. */
  readonly population: FeatureDriftReport;
  readonly segmentShares: SegmentShareDrift;
  readonly centroids: CentroidDisplacementReport;
}

export const DEFAULT_INFLOW_WINDOW: CountWindowOptions = { maxEvents: 50_000 };

/**
 * One champion's drift state in a scoring process: the inflow window, the population counts and the
 * shadow K-Means. Make a new one when the champion changes. For a bundle without a reference (schema
 * version 1) nothing is counted and the feature and centroid signals report `no-reference`; segment
 * shares are still judged, from the bundle's profiles.
 */
export class DriftMonitor {
  readonly model: DriftModel | null;
  readonly thresholds: DriftThresholds;
  readonly halfLife: number;
  readonly inflow: CountWindow | null;
  /** Every customer's current features: fill with `addPopulation`, keep up to date by removing a customer's old row and adding the new. */
  readonly population: BinCounts | null;
  readonly shadow: ShadowKMeans | null;

  constructor(
    readonly bundle: ModelBundle,
    options: DriftMonitorOptions = {},
  ) {
    this.thresholds = resolveDriftThresholds(options.thresholds);
    this.halfLife = options.halfLife ?? DEFAULT_SHADOW_HALF_LIFE;
    this.model = compileDriftModel(bundle);
    const model = this.model;
    this.inflow = model === null ? null : new CountWindow(model.binStart[model.d], options.window ?? DEFAULT_INFLOW_WINDOW);
    this.population = model === null ? null : BinCounts.of(model);
    this.shadow = model === null ? null : new ShadowKMeans(model, this.halfLife);
  }

  /** Scored events (raw 17-column rows) that arrived at `atMs`: into the inflow window and the shadow K-Means. */
  observe(raw: Matrix, atMs: number): void {
    if (this.model === null || this.inflow === null) return;
    observeRows(this.model, raw, this.inflow.blockAt(atMs), this.shadow);
  }

  /** Adds customers' current features to the population counts; weight −1 removes them (their previous features). */
  addPopulation(raw: Matrix, weight = 1): void {
    if (this.model === null || this.population === null) return;
    countRows(this.model, raw, this.population, weight);
  }

  /** Every signal at `nowMs`, given the current assignments per segment. */
  health(segmentCounts: readonly SegmentCount[], nowMs: number): ModelHealth {
    const { model, thresholds } = this;
    const segmentShares = segmentShareDrift(this.bundle, segmentCounts, thresholds);
    const signals =
      model === null || this.inflow === null || this.population === null || this.shadow === null
        ? { inflow: noReferenceFeatureDrift(), population: noReferenceFeatureDrift(), centroids: noReferenceCentroidDisplacement(this.halfLife) }
        : {
            inflow: featureDrift(model, this.inflow.counts(nowMs), thresholds),
            population: featureDrift(model, this.population, thresholds),
            centroids: centroidDisplacement(this.shadow, thresholds),
          };
    const { inflow, population, centroids } = signals;
    return { status: worstStatus([inflow.status, population.status, segmentShares.status, centroids.status]), inflow, population, segmentShares, centroids };
  }
}
