import type { RescoreJob } from './rescore-job.model';
import type { RescoreJobRecord } from './rescore-jobs.repository';

export function toRescoreJob(job: RescoreJobRecord): RescoreJob {
  return { ...job, percent: job.total === 0 ? 100 : Math.min(100, Math.round((job.done / job.total) * 1_000) / 10) };
}
