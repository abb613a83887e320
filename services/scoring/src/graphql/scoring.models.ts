import { Directive, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { declareFeatureFields } from './feature-fields';

@ObjectType({ description: 'A position on the 2-D PCA map' })
export class PcaPosition {
  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;
}

@ObjectType({ description: 'One of the features that set a customer furthest from the training population' })
export class FeatureExplanation {
  @Field({ description: 'CSV name, e.g. CASH_ADVANCE' })
  feature!: string;

  @Field(() => Float, { description: 'Signed distance from the training median in IQR units (of log1p values where logScale)' })
  scaledValue!: number;

  @Field({ description: 'above or below the median' })
  direction!: string;

  @Field()
  logScale!: boolean;

  @Field(() => Float, { description: 'The value as given, or the imputed one' })
  rawValue!: number;

  @Field()
  imputed!: boolean;

  @Field({ description: 'e.g. "CASH_ADVANCE 1.3× IQR above the median (log scale; value 6442.95)"' })
  text!: string;
}

@ObjectType({ description: "Statistics of one feature over a segment's customers at training time, in original units" })
export class FeatureProfile {
  @Field({ description: 'CSV name, e.g. BALANCE' })
  feature!: string;

  @Field({ description: 'camelCase name, e.g. balance' })
  key!: string;

  @Field(() => Float)
  mean!: number;

  @Field(() => Float)
  median!: number;

  @Field(() => Float)
  q25!: number;

  @Field(() => Float)
  q75!: number;

  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;
}

/** size and share are resolved fields (one grouped query per request, see SegmentResolver). */
@ObjectType({ description: 'A customer segment of the champion model' })
@Directive('@key(fields: "id")')
export class Segment {
  @Field(() => ID, { description: 'Stable semantic segment id, e.g. transactors' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'null when the id is not a segment of the loaded champion' })
  label!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, { nullable: true, description: 'K-Means cluster number in the champion (arbitrary between models)' })
  cluster!: number | null;

  @Field(() => [FeatureProfile], { description: "Per-feature statistics of the segment's training customers" })
  profile!: FeatureProfile[];

  @Field(() => PcaPosition, { nullable: true, description: "The centroid's position on the PCA map" })
  centroid!: PcaPosition | null;
}

@ObjectType({ description: "A customer's current segment" })
export class SegmentAssignment {
  @Field(() => Segment)
  segment!: Segment;

  @Field(() => Int)
  cluster!: number;

  @Field(() => PcaPosition)
  pca!: PcaPosition;

  @Field(() => Float, { description: 'Distance to the segment centroid in the scaled space' })
  distance!: number;

  @Field({ description: 'MLflow version of the model that scored the customer' })
  modelVersion!: string;

  @Field()
  scoredAt!: Date;

  @Field(() => [FeatureExplanation], { description: 'Why: the features furthest from the median' })
  explanation!: FeatureExplanation[];
}

@ObjectType({ description: "A change of a customer's segment" })
export class SegmentChange {
  @Field(() => Segment, { nullable: true, description: 'null for the first assignment' })
  fromSegment!: Segment | null;

  @Field(() => Segment)
  toSegment!: Segment;

  @Field()
  modelVersion!: string;

  @Field()
  changedAt!: Date;

  @Field(() => [FeatureExplanation], { description: 'The explanation of the new assignment' })
  reason!: FeatureExplanation[];
}

// No description: the ingestion subgraph, which owns Customer, gives the supergraph's.
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'One customer on the PCA map' })
export class PcaPoint {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  segmentId!: string;

  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;
}

@ObjectType({ description: 'Distance to one segment centroid' })
export class SegmentDistance {
  @Field(() => ID)
  segmentId!: string;

  @Field(() => Int)
  cluster!: number;

  @Field(() => Float)
  distance!: number;
}

@ObjectType({ description: 'The predicted segment of a customer given by its features (nothing is stored)' })
export class SegmentPrediction {
  @Field(() => Segment)
  segment!: Segment;

  @Field(() => Int)
  cluster!: number;

  @Field(() => PcaPosition)
  pca!: PcaPosition;

  @Field(() => Float, { description: 'Distance to the predicted segment centroid' })
  distance!: number;

  @Field(() => [SegmentDistance], { description: 'Distance to every segment centroid, in cluster order' })
  distances!: SegmentDistance[];

  @Field(() => [FeatureExplanation])
  explanation!: FeatureExplanation[];

  @Field()
  modelVersion!: string;
}

@ObjectType({ description: 'The 17 features of a generated customer, by camelCase name' })
export class GeneratedCustomerFeatures {
  [key: string]: number | null;
}
declareFeatureFields(GeneratedCustomerFeatures);

@InputType({ description: 'A customer\'s 17 features by camelCase name; null or left out = missing (allowed for creditLimit and minimumPayments only)' })
export class CustomerFeaturesInput {
  [key: string]: number | null | undefined;
}
declareFeatureFields(CustomerFeaturesInput);

@ObjectType({ description: 'A realistic generated customer of a segment, deterministic per seed' })
export class SimilarCustomer {
  @Field(() => Segment)
  segment!: Segment;

  @Field(() => Int, { description: 'The seed used (given, or drawn when left out)' })
  seed!: number;

  @Field({ description: "profile: drawn between the segment's quartiles; centroid: the centroid in original units" })
  source!: string;

  @Field(() => GeneratedCustomerFeatures)
  features!: GeneratedCustomerFeatures;
}

@ObjectType({ description: 'A re-score of every customer after a promotion' })
export class RescoreJob {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'running, succeeded, failed or superseded (a newer champion came first)' })
  status!: string;

  @Field()
  modelVersion!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => Float, { description: '0 to 100' })
  percent!: number;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType({ description: 'The champion model this instance scores with' })
export class ScoringModel {
  @Field({ description: 'Registered MLflow model name' })
  modelName!: string;

  @Field()
  version!: string;

  @Field()
  loadedAt!: Date;

  @Field({ description: 'mlflow, or cache when MLflow was unreachable at boot' })
  source!: string;
}
