import { Directive, Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { FEATURES } from '@seg/ml';

@ObjectType({ description: 'The 17 features of a customer; null is a missing value' })
export class CustomerFeatures {
  [key: string]: number | null;
}

// One nullable Float per schema feature, named by its camelCase key, so the type follows the schema.
for (const spec of FEATURES) {
  Field(() => Float, { nullable: true, description: `${spec.label} (${spec.name}, ${spec.unit})` })(CustomerFeatures.prototype, spec.key);
}

@ObjectType({ description: 'A customer as last ingested' })
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id!: string;

  @Field(() => CustomerFeatures)
  features!: CustomerFeatures;

  @Field({ description: 'Where the current state came from: csv or kafka' })
  source!: string;

  @Field({ description: 'When the features last changed' })
  updatedAt!: Date;

  @Field({ description: "The source's time of the current state (an event's occurredAt, a CSV upload's time): an older event is skipped" })
  occurredAt!: Date;
}

@ObjectType()
export class CustomerEdge {
  @Field()
  cursor!: string;

  @Field(() => Customer)
  node!: Customer;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType({ description: 'Customers ordered by id' })
export class CustomerConnection {
  @Field(() => [CustomerEdge])
  edges!: CustomerEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
