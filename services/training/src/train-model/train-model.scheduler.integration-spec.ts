import { SchedulerRegistry } from '@nestjs/schedule';
import { waitFor } from '@seg/kafka/testing';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';

jest.setTimeout(300_000);

// 03:00 on 29 February: never due while the test runs, so only the test's own tick starts a run.
const RARE = '0 3 29 2 *';

describe('TRAINING_CRON, the in-process schedule', () => {
  const opened: TrainingTestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const service = await startTrainingTestApp({ TRAINING_SWEEP: 'none', TRAINING_ALIAS_POLL_MS: '0', ...env });
    opened.push(service);
    return service;
  };

  afterEach(() => Promise.all(opened.splice(0).map((app) => app.close())));

  it('should register one job with the configured expression at boot, whose tick starts a run triggered by cron', async () => {
    const service = await start({ TRAINING_CRON: RARE });
    const job = service.app.get(SchedulerRegistry).getCronJob('training');

    expect([...service.app.get(SchedulerRegistry).getCronJobs().keys()]).toEqual(['training']);
    expect([job.cronTime.source, job.isActive]).toEqual([RARE, true]);
    expect(job.nextDate().toFormat('MM-dd HH:mm')).toBe('02-29 03:00');

    await job.fireOnTick();
    const runs = async (): Promise<{ trigger: string; status: string }[]> => service.dataSource.query(`SELECT trigger, status FROM training_runs`);
    await waitFor(async () => (await runs()).some((run) => run.status !== 'running'), 'the scheduled run to end', 120_000);
    // No customers in the copy: the run ends failed, and it is the schedule's.
    expect(await runs()).toEqual([{ trigger: 'cron', status: 'failed' }]);
  });

  it('should register no job when TRAINING_CRON is empty', async () => {
    const service = await start({ TRAINING_CRON: '' });

    expect(service.app.get(SchedulerRegistry).getCronJobs().size).toBe(0);
  });
});
