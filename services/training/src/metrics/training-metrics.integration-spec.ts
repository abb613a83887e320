import { metricValue } from '@seg/observability/testing';
import { randomUUID } from 'node:crypto';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';
import { TrainingMetrics } from './training.metrics';

jest.setTimeout(90_000);

describe(TrainingMetrics.name, () => {
  let service: TrainingTestApp;

  beforeAll(async () => {
    service = await startTrainingTestApp();
  });

  afterAll(() => service?.close());

  it("should count the runs any process finished, each once, with their stages and gate, and flag a failed latest run until one succeeds", async () => {
    // As the CronJob's one-shot process would have: straight into training_runs.
    const runs = service.app.get(TrainingRunsRepository);
    const finish = async (status: 'succeeded' | 'failed', passed: boolean | null) => {
      const id = randomUUID();
      await runs.create(id, 'cron');
      await runs.saveResults(id, { timingsMs: { 'load-features': 1_500, fit: 12_000 }, ...(passed === null ? {} : { gate: { passed, checks: [], reasons: [] } }) });
      await runs.finish(id, status, status === 'failed' ? 'MLflow unreachable' : null);
    };
    await finish('succeeded', true);
    await finish('failed', null);

    const first = await service.scrapeMetrics();
    const again = await service.scrapeMetrics();
    await finish('succeeded', false);
    const recovered = await service.scrapeMetrics();

    expect(metricValue(first, 'seg_training_runs_total', { outcome: 'succeeded' })).toBe(1);
    expect(metricValue(first, 'seg_training_runs_total', { outcome: 'failed' })).toBe(1);
    expect(metricValue(first, 'seg_training_latest_run_failed')).toBe(1);
    expect(metricValue(first, 'seg_training_stage_duration_seconds_sum', { stage: 'fit' })).toBe(24);
    expect(metricValue(first, 'seg_training_gate_decisions_total', { decision: 'passed' })).toBe(1);
    expect(metricValue(again, 'seg_training_runs_total')).toBe(2);
    expect(metricValue(recovered, 'seg_training_runs_total', { outcome: 'succeeded' })).toBe(2);
    expect(metricValue(recovered, 'seg_training_gate_decisions_total', { decision: 'failed' })).toBe(1);
    expect(metricValue(recovered, 'seg_training_latest_run_failed')).toBe(0);
    expect(metricValue(recovered, 'seg_training_run_in_progress')).toBe(0);
  });
});
