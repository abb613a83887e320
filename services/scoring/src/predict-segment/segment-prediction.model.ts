import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { FeatureExplanation } from '../customers/feature-explanation.model';
import { declareFeatureFields } from '../graphql-api/feature-fields';
import { PcaPosition } from '../pca-map/pca-position.model';
import { Segment } from '../segments/segment.model';

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

@InputType({ description: 'A customer\'s 17 features by camelCase name; null or left out = missing (allowed for creditLimit and minimumPayments only)' })
export class CustomerFeaturesInput {
  [key: string]: number | null | undefined;
}
declareFeatureFields(CustomerFeaturesInput);
