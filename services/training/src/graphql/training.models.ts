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

@ObjectType({ description: "A segment's share of the customers by the champion and by the challenger" })
export class ReviewShare {
  @Field(() => ID, { nullable: true, description: 'null: customers without a segment' })
  segmentId!: string | null;

  @Field(() => Float)
  champion!: number;

  @Field(() => Float)
  challenger!: number;

  @Field(() => Float, { description: 'Percentage points' })
  changePp!: number;
}

@ObjectType({ description: 'Customers who would get another offer (a new segment id)' })
export class OfferChanges {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'From one segment to another' })
  switched!: number;

  @Field(() => Int, { description: 'No segment by the champion, one by the challenger' })
  gained!: number;

  @Field(() => Int, { description: 'A segment by the champion, none by the challenger' })
  lost!: number;
}

@ObjectType({ description: "What promoting a run's model would change: both models on the same current customers" })
export class ChallengerReview {
  @Field({ description: 'The champion version the run was compared with' })
  championVersion!: string;

  @Field(() => Int)
  customers!: number;

  @Field(() => [String], { description: 'Rows and columns of the move matrix: segment ids, then "unassigned"' })
  segments!: string[];

  @Field(() => [[Int]], { description: 'moves[from][to]: customers in segment `from` by the champion and `to` by the challenger' })
  moves!: number[][];

  @Field(() => Float, { description: 'Share of customers given the same segment by both' })
  agreement!: number;

  @Field(() => OfferChanges)
  offerChanges!: OfferChanges;

  @Field(() => [ReviewShare])
  shares!: ReviewShare[];
}

@ObjectType({ description: "A customer at the champion's PCA position with both models' segments" })
export class ReviewPoint {
  @Field(() => ID)
  customerId!: string;

  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;

  @Field({ description: 'Segment id by the champion, or "unassigned"' })
  championSegment!: string;

  @Field({ description: 'Segment id by the challenger, or "unassigned"' })
  challengerSegment!: string;

  @Field()
  moved!: boolean;
}

@ObjectType({ description: "The old-vs-new map of a run's review: an even sample of at most 10,000 of its customers" })
export class ReviewMap {
  @Field(() => Int, { description: 'Customers reviewed (the sample is of these)' })
  customers!: number;

  @Field(() => [ReviewPoint])
  points!: ReviewPoint[];
}

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

@ObjectType({ description: 'The arguments and reasons that matter for an audited action' })
export class ModelAuditDetail {
  @Field(() => Boolean, { nullable: true, description: 'promote: whether the gate was skipped' })
  force!: boolean | null;

  @Field(() => String, { nullable: true, description: "reject: the admin's reason; supersede: the newer run; promote by mlflow: the alias move" })
  reason!: string | null;
}

@ObjectType({ description: 'One change of the model, by a person or by the platform: who, what, when, why' })
export class ModelAuditEntry {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'train, promote, reject or supersede' })
  action!: string;

  @Field()
  modelName!: string;

  @Field(() => String, { nullable: true, description: 'The version promoted, rejected or superseded (null for train: the run registers it later)' })
  modelVersion!: string | null;

  @Field(() => ID, { nullable: true, description: 'The run started, or the run that trained the version' })
  trainingRunId!: string | null;

  @Field({ description: "Who: the access token's subject, or the platform: gate (auto mode), newer-run (supersession), mlflow (the alias moved there)" })
  callerId!: string;

  @Field({ description: "Who, for people: the caller's user name at the time; the platform's callers are named as their id" })
  callerName!: string;

  @Field(() => ModelAuditDetail)
  detail!: ModelAuditDetail;

  @Field()
  at!: Date;
}
