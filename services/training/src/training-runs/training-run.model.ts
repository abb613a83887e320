import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql-api/json.scalar';
import { ChallengerReview } from '../review-model/challenger-review.model';
import { GateResult } from '../train-model/gate-result.model';

@ObjectType({ description: 'A training run: progress while it runs, results and gate afterwards' })
export class TrainingRun {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'queued, running, awaiting-review (passed the gate in review mode), succeeded, failed, rejected or superseded (a newer run waited)' })
  status!: string;

  @Field({ description: 'cli, cron, api or drift' })
  trigger!: string;

  @Field({ description: 'The stage in progress, e.g. fit:kmeans; done or failed at the end' })
  stage!: string;

  @Field(() => Int, { description: 'Percent, 0–100' })
  progress!: number;

  @Field(() => JsonScalar, { nullable: true, description: 'MLflow params: every pipeline setting, data fingerprint, row count' })
  params!: unknown;

  @Field(() => JsonScalar, { nullable: true, description: 'Metrics by name (inertia, silhouette, share_<segmentId>, …)' })
  metrics!: unknown;

  @Field(() => GateResult, { nullable: true })
  gate!: GateResult | null;

  @Field(() => String, { nullable: true })
  mlflowRunId!: string | null;

  @Field(() => String, { nullable: true })
  mlflowRunUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'The registered model version this run created' })
  modelVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the run failed' })
  error!: string | null;

  @Field(() => JsonScalar, { nullable: true, description: 'Milliseconds per stage' })
  timingsMs!: unknown;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => ChallengerReview, { nullable: true, description: 'The comparison with the champion of the time (null: there was none, or the run failed first)' })
  review!: ChallengerReview | null;
}
