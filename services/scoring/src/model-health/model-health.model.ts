import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

const STATUS = 'ok, watch, alert, insufficient-data (too few events to judge) or no-reference (a champion without a drift reference)';

@ObjectType({ description: "One clustered feature's drift: PSI against the training reference, with both histograms" })
export class FeatureDrift {
  @Field({ description: 'CSV name, e.g. PURCHASES' })
  feature!: string;

  @Field(() => Float, { nullable: true, description: 'Population Stability Index; null below the minimum count' })
  psi!: number | null;

  @Field({ description: STATUS })
  status!: string;

  @Field(() => [Float], { description: "Share of the champion's training customers per reference bin (deciles of the transformed feature, ties merged)" })
  referenceShares!: number[];

  @Field(() => [Float], { description: 'Share of the counted customers or events per bin (all 0 when none)' })
  liveShares!: number[];
}

@ObjectType({ description: 'Feature PSI of a set of customers or events against the reference' })
export class FeatureDriftSignal {
  @Field({ description: `The worst feature's status: ${STATUS}` })
  status!: string;

  @Field(() => Float, { description: 'Events (inflow) or customers (population) counted' })
  count!: number;

  @Field(() => [FeatureDrift], { description: 'Most drifted first' })
  features!: FeatureDrift[];
}

@ObjectType({ description: 'Every stored customer\'s current features against the reference' })
export class PopulationDriftSignal extends FeatureDriftSignal {
  @Field(() => Date, { nullable: true, description: 'When the counts were last rebuilt from the stored features (null: not yet)' })
  builtAt!: Date | null;
}

@ObjectType({ description: "A segment's share of the current assignments against the champion's training share" })
export class SegmentShareChange {
  @Field(() => ID, { nullable: true, description: 'null: customers of a cluster without a segment id' })
  segmentId!: string | null;

  @Field(() => Float)
  referenceShare!: number;

  @Field(() => Float)
  count!: number;

  @Field(() => Float, { nullable: true })
  currentShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Percentage points' })
  changePp!: number | null;
}

@ObjectType({ description: 'PSI of the segment shares of the current assignments by the champion' })
export class SegmentShareSignal {
  @Field({ description: STATUS })
  status!: string;

  @Field(() => Float)
  count!: number;

  @Field(() => Float, { nullable: true })
  psi!: number | null;

  @Field(() => [SegmentShareChange])
  segments!: SegmentShareChange[];
}

@ObjectType({ description: "A shadow centroid's displacement from the champion's" })
export class CentroidDisplacement {
  @Field(() => Int)
  cluster!: number;

  @Field(() => ID, { nullable: true })
  segmentId!: string | null;

  @Field(() => Float, { description: 'Points this shadow centroid received' })
  observed!: number;

  @Field(() => Float, { description: 'Distance in the scaled space (IQR units)' })
  distance!: number;

  @Field(() => Float, { nullable: true, description: "distance ÷ the cluster's training spread" })
  relative!: number | null;

  @Field({ description: STATUS })
  status!: string;
}

@ObjectType({ description: "The shadow online K-Means: started at the champion's centroids, following the scored events; it never assigns segments" })
export class CentroidSignal {
  @Field({ description: STATUS })
  status!: string;

  @Field(() => Float, { description: "Points per centroid before the champion's position weighs half" })
  halfLife!: number;

  @Field(() => Float, { description: 'Events fed to the shadow' })
  seen!: number;

  @Field(() => [CentroidDisplacement])
  clusters!: CentroidDisplacement[];
}

@ObjectType({ description: 'The inflow window: the last maxEvents scored events of each replica, no older than maxAgeMs' })
export class DriftWindow {
  @Field(() => Int)
  maxEvents!: number;

  @Field(() => Float)
  maxAgeMs!: number;
}

@ObjectType({ description: 'A promoted version scoring refused to load: its bundle is missing or invalid; the champion stayed' })
export class ChampionRejection {
  @Field()
  version!: string;

  @Field()
  reason!: string;

  @Field()
  at!: Date;
}

@ObjectType({ description: "Whether the champion still fits the customers it scores: each drift signal's status and the worst of them" })
export class ModelHealth {
  @Field()
  modelName!: string;

  @Field({ description: 'The champion version judged' })
  version!: string;

  @Field({ description: `The worst signal: ${STATUS}` })
  status!: string;

  @Field()
  computedAt!: Date;

  @Field(() => DriftWindow)
  window!: DriftWindow;

  @Field(() => Int, { description: 'Scoring replicas whose inflow and shadow state are merged in' })
  replicas!: number;

  @Field(() => FeatureDriftSignal, { description: 'Feature PSI of the recent scored events' })
  inflow!: FeatureDriftSignal;

  @Field(() => PopulationDriftSignal, { description: "Feature PSI of every customer's current features" })
  population!: PopulationDriftSignal;

  @Field(() => SegmentShareSignal)
  segmentShares!: SegmentShareSignal;

  @Field(() => CentroidSignal)
  centroids!: CentroidSignal;

  @Field(() => ChampionRejection, { nullable: true, description: 'The last promoted version refused since the champion was loaded' })
  championRejected!: ChampionRejection | null;
}
