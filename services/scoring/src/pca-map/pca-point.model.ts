import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

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
