import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A position on the 2-D PCA map' })
export class PcaPosition {
  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;
}
