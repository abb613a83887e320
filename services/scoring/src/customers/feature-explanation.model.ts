import { Field, Float, ObjectType } from '@nestjs/graphql';

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
