import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PcaPosition } from '../pca-map/pca-position.model';

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
