import { toRescoreJob } from './rescore-job.mapper';

describe(toRescoreJob.name, () => {
  const job = { id: 'j', modelVersion: '2', status: 'running' as const, cursor: 'C1', startedAt: new Date(0), finishedAt: null, error: null };

  it('should give the percent done to one decimal, and 100 when there was nothing to re-score', () => {
    expect(toRescoreJob({ ...job, total: 3, done: 1 }).percent).toBe(33.3);
    expect(toRescoreJob({ ...job, total: 0, done: 0 }).percent).toBe(100);
  });
});
