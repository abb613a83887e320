import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PcaPosition } from '../pca-map/pca-position.model';
import { Segment } from '../segments/segment.model';
import { FeatureExplanation } from './feature-explanation.model';

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
