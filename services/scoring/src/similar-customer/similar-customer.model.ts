import { Field, Int, ObjectType } from '@nestjs/graphql';
import { declareFeatureFields } from '../graphql-api/feature-fields';
import { Segment } from '../segments/segment.model';

@ObjectType({ description: 'The 17 features of a generated customer, by camelCase name' })
export class GeneratedCustomerFeatures {
  [key: string]: number | null;
}
declareFeatureFields(GeneratedCustomerFeatures);

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
