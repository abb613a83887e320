import { waitFor } from '@seg/kafka/testing';
import { createTestBundle } from '@seg/ml/testing';
import { metricValue } from '@seg/observability/testing';
import { createScoringTestEnvironment, featureEvents, type ScoringTestEnvironment } from '../testing/scoring-test-app';
import { ModelHealthMetrics } from './model-health.metrics';

jest.setTimeout(120_000);

describe(ModelHealthMetrics.name, () => {
  let environment: ScoringTestEnvironment;

  beforeEach(async () => {
    environment = await createScoringTestEnvironment();
  });

  afterEach(() => environment?.close());

  it("should show the scheduler's judgement on GET /metrics: inflow alert, PURCHASES' PSI as modelHealth reports it, the overall status the alert reads", async () => {
    const { version } = await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const { modelName } = environment;
    const service = await environment.boot({ SCORING_DRIFT_CHECK_MS: '500' });
    const events = featureEvents(3_000, 11, 'P').map((event) => ({
      ...event,
      features: { ...event.features, PURCHASES: event.features.PURCHASES === null ? null : (event.features.PURCHASES as number) * 5 },
    }));

    await environment.publishFeatures(events);
    // No modelHealth query before: the scheduler's checks set the gauges.
    await waitFor(
      async () => metricValue(await service.scrapeMetrics(), 'seg_scoring_model_health_signal', { signal: 'inflow', status: 'alert' }) === 1,
      'the inflow signal alert on /metrics',
      60_000,
    );
    await waitFor(async () => (await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments`))[0].n === 3_000, '3,000 assignments');
    // Every event in: a judgement now (the query's, or a check's on the same state) is the one on /metrics.
    const result = await service.graphql<{ modelHealth: { inflow: { count: number; features: { feature: string; psi: number | null }[] } } }>(
      '{ modelHealth { inflow { count features { feature psi } } } }',
    );
    const psi = new Map(result.data?.modelHealth.inflow.features.map((f) => [f.feature, f.psi]));
    const text = await service.scrapeMetrics();

    expect(metricValue(text, 'seg_scoring_model_health', { model: modelName, version, status: 'alert' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_model_health', { model: modelName, version, status: 'ok' })).toBe(0);
    expect(metricValue(text, 'seg_scoring_feature_psi', { model: modelName, version, window: 'inflow', feature: 'PURCHASES' })).toBeGreaterThan(0.25);
    expect(result.data?.modelHealth.inflow.count).toBe(3_000);
    expect(metricValue(text, 'seg_scoring_feature_psi', { window: 'inflow', feature: 'PURCHASES' })).toBeCloseTo(psi.get('PURCHASES') as number, 6);
    expect(metricValue(text, 'seg_scoring_feature_psi', { window: 'inflow', feature: 'BALANCE' })).toBeLessThan(0.1);
    expect(metricValue(text, 'seg_scoring_segment_share_psi', { model: modelName })).toEqual(expect.any(Number));
  });
});
