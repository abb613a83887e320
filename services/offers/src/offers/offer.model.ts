import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A customer segment (owned by the scoring subgraph); this subgraph adds its offer' })
@Directive('@key(fields: "id")')
export class Segment {
  @Field(() => ID, { description: 'Stable semantic segment id, e.g. transactors' })
  id!: string;
}

@ObjectType({ description: 'The curated offer shown to the customers of one segment and to the staff who serve them' })
export class Offer {
  @Field(() => ID)
  segmentId!: string;

  @Field({ description: 'Headline shown to the customer' })
  title!: string;

  @Field({ description: 'Two sentences addressed to the customer' })
  description!: string;

  @Field({ description: 'The product offered' })
  product!: string;

  @Field({ description: 'How the offer reaches the customer, e.g. app push, email, relationship manager call' })
  channel!: string;

  @Field({ description: 'The conditions the customer agrees to' })
  terms!: string;

  @Field()
  updatedAt!: Date;

  @Field({ description: 'Who last changed the offer' })
  updatedBy!: string;
}

@ObjectType({ description: 'The copy of an offer at one moment' })
export class OfferContentSnapshot {
  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field()
  product!: string;

  @Field()
  channel!: string;

  @Field()
  terms!: string;
}

@ObjectType({ description: 'One edit of an offer: who, when, and the copy before and after' })
export class OfferAuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  segmentId!: string;

  @Field({ description: "Who: the access token's subject" })
  changedBy!: string;

  @Field({ description: "Who, for people: the caller's user name at the time (the subject for edits made before names were recorded)" })
  changedByName!: string;

  @Field()
  changedAt!: Date;

  @Field(() => OfferContentSnapshot)
  before!: OfferContentSnapshot;

  @Field(() => OfferContentSnapshot)
  after!: OfferContentSnapshot;
}
