import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What erasing one customer did (right to erasure); the audit keeps the hash, never the id' })
export class CustomerErasure {
  @Field(() => ID, { description: 'The id as asked (not kept anywhere after the erasure)' })
  customerId!: string;

  @Field({ description: "The id's keyed hash (HMAC-SHA256 under the deployment's ERASURE_SALT, first 64 bits), as the erasure audit records it" })
  idHash!: string;

  @Field({ description: 'False when the customer had been erased before: nothing more was done or announced' })
  erased!: boolean;

  @Field(() => Int, { description: 'Customer rows deleted by ingestion now (0 or 1)' })
  customerRows!: number;

  @Field(() => Int, { description: 'Rejected CSV rows of that id deleted by ingestion now' })
  rejectedRows!: number;

  @Field()
  erasedAt!: Date;
}
