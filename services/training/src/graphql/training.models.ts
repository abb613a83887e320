import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from './json.scalar';

@ObjectType({ description: 'One check of the promotion gate' })
export class GateCheck {
  @Field({ description: 'segments-assigned, min-segment-share or silhouette' })
  rule!: string;

  @Field()
  passed!: boolean;

  @Field()
  detail!: string;
}

@ObjectType({ description: 'Whether a trained version was good enough to become the champion, and why not' })
export class GateResult {
  @Field()
  passed!: boolean;

  @Field(() => [GateCheck])
  checks!: GateCheck[];

  @Field(() => [String], { description: 'Details of the failed checks' })
  reasons!: string[];
}

@ObjectType({ description: 'A training run: progress while it runs, results and gate afterwards' })
export class TrainingRun {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'queued, running, succeeded or failed' })
  status!: string;

  @Field({ description: 'cli, cron or api' })
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
}

@ObjectType({ description: 'A cluster of the model and the stable segment it stands for' })
export class ModelSegment {
  @Field(() => Int)
  cluster!: number;

  @Field(() => String, { nullable: true, description: 'transactors, revolvers, low-activity or cash-advance; null if unassigned' })
  segmentId!: string | null;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => Float, { nullable: true, description: 'Share of the training customers' })
  share!: number | null;
}

@ObjectType({ description: 'One k of the k-sweep' })
export class KSweepEntry {
  @Field(() => Int)
  k!: number;

  @Field(() => Float)
  inertia!: number;

  @Field(() => Float)
  silhouette!: number;

  @Field(() => Float)
  daviesBouldin!: number;

  @Field(() => Float)
  calinskiHarabasz!: number;

  @Field(() => [Int])
  sizes!: number[];
}

@ObjectType({ description: 'A registered version of the segmentation model' })
export class ModelVersion {
  @Field()
  modelName!: string;

  @Field()
  version!: string;

  @Field()
  isChampion!: boolean;

  @Field(() => Date, { nullable: true })
  promotedAt!: Date | null;

  @Field({ description: 'Promoted past the gate by promoteModel(force: true)' })
  forced!: boolean;

  @Field(() => String, { nullable: true })
  trainingRunId!: string | null;

  @Field()
  mlflowRunId!: string;

  @Field()
  mlflowRunUrl!: string;

  @Field({ description: 'mlflow-artifacts URI of bundle.json, the version source' })
  bundleUri!: string;

  @Field(() => JsonScalar, { description: 'Metrics by name' })
  metrics!: unknown;

  @Field(() => [ModelSegment])
  segments!: ModelSegment[];

  @Field(() => [KSweepEntry])
  kSweep!: KSweepEntry[];

  @Field(() => JsonScalar, { description: 'Per-cluster profiles: size, share, feature statistics, distinguishing features' })
  profiles!: unknown;

  @Field()
  createdAt!: Date;
}

@ObjectType({ description: 'One admin change of the model: who, what, when' })
export class ModelAuditEntry {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'train or promote' })
  action!: string;

  @Field()
  modelName!: string;

  @Field(() => String, { nullable: true, description: 'The version promoted' })
  modelVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'The run started, or the run that trained the version promoted' })
  trainingRunId!: string | null;

  @Field({ description: "Who: the access token's subject" })
  callerId!: string;

  @Field({ description: "Who, for people: the caller's user name at the time" })
  callerName!: string;

  @Field(() => JsonScalar, { description: 'The arguments that matter, e.g. { force: true }' })
  detail!: unknown;

  @Field()
  at!: Date;
}
