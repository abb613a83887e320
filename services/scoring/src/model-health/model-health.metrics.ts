import { Injectable } from '@nestjs/common';
import { DRIFT_STATUSES, type DriftStatus, type ModelHealth } from '@seg/ml';
import { Metrics } from '@seg/observability';

const SIGNALS = ['inflow', 'population', 'segmentShares', 'centroids'] as const;
/** Prometheus' label values: snake_case like its names. */
const SIGNAL_LABELS: Readonly<Record<(typeof SIGNALS)[number], string>> = { inflow: 'inflow', population: 'population', segmentShares: 'segment_shares', centroids: 'centroids' };

/**
 * The champion's drift signals as gauges, set from each judgement (the scheduler's every SCORING_DRIFT_CHECK_MS, and
 * every modelHealth query): the overall status and each signal's as one series per status (1 on the current, 0 on the
 * others, so a change shows as a step and `== 1` selects it), and the figures behind them. Every replica judges the
 * merged state of all of them: take max() across replicas. A figure that cannot be computed (too few events, no
 * reference) has no sample rather than a stale one.
 */
@Injectable()
export class ModelHealthMetrics {
  private readonly status;
  private readonly signalStatus;
  private readonly featurePsi;
  private readonly segmentSharePsi;
  private readonly centroidDisplacement;

  constructor(metrics: Metrics) {
    this.status = metrics.gauge('seg_scoring_model_health', "The champion's model-health status: 1 on the current one, 0 on the others", ['model', 'version', 'status']);
    this.signalStatus = metrics.gauge(
      'seg_scoring_model_health_signal',
      'Each drift signal (inflow, population, segment_shares, centroids): 1 on its current status, 0 on the others',
      ['model', 'version', 'signal', 'status'],
    );
    this.featurePsi = metrics.gauge('seg_scoring_feature_psi', "PSI of a feature against the champion's training bins, in the inflow window or the whole population", [
      'model',
      'version',
      'window',
      'feature',
    ]);
    this.segmentSharePsi = metrics.gauge('seg_scoring_segment_share_psi', "PSI of the current segment shares against the champion's training shares", ['model', 'version']);
    this.centroidDisplacement = metrics.gauge(
      'seg_scoring_centroid_displacement_ratio',
      "A shadow centroid's distance from the champion's, in units of that cluster's training spread",
      ['model', 'version', 'segment'],
    );
  }

  /** After a judgement of `version` of `model`: replaces every series (a new champion's replace the old one's). */
  record(model: string, version: string, health: ModelHealth): void {
    for (const gauge of [this.status, this.signalStatus, this.featurePsi, this.segmentSharePsi, this.centroidDisplacement]) gauge.reset();
    const oneHot = (current: DriftStatus, set: (status: DriftStatus, value: number) => void) => DRIFT_STATUSES.forEach((status) => set(status, status === current ? 1 : 0));
    oneHot(health.status, (status, value) => this.status.set({ model, version, status }, value));
    for (const signal of SIGNALS) {
      oneHot(health[signal].status, (status, value) => this.signalStatus.set({ model, version, signal: SIGNAL_LABELS[signal], status }, value));
    }
    for (const window of ['inflow', 'population'] as const) {
      for (const { feature, psi } of health[window].features) if (psi !== null) this.featurePsi.set({ model, version, window, feature }, psi);
    }
    if (health.segmentShares.psi !== null) this.segmentSharePsi.set({ model, version }, health.segmentShares.psi);
    for (const { segmentId, cluster, relative } of health.centroids.clusters) {
      if (relative !== null) this.centroidDisplacement.set({ model, version, segment: segmentId ?? `cluster-${cluster}` }, relative);
    }
  }
}
