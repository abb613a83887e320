import { Query, Resolver } from '@nestjs/graphql';
import { toRescoreJob } from './rescore-job.mapper';
import { RescoreJob } from './rescore-job.model';
import { RescoreJobsRepository } from './rescore-jobs.repository';

@Resolver()
export class RescoreProgressResolver {
  constructor(private readonly jobs: RescoreJobsRepository) {}

  @Query(() => RescoreJob, { nullable: true, description: 'The latest re-score job (null before the first)' })
  async rescoreProgress(): Promise<RescoreJob | null> {
    const job = await this.jobs.latest();
    return job === null ? null : toRescoreJob(job);
  }
}
