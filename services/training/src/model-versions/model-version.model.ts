import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql-api/json.scalar';

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
