import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A segment's share of the customers by the champion and by the challenger" })
export class ReviewShare {
  @Field(() => ID, { nullable: true, description: 'null: customers without a segment' })
  segmentId!: string | null;

  @Field(() => Float)
  champion!: number;

  @Field(() => Float)
  challenger!: number;

  @Field(() => Float, { description: 'Percentage points' })
  changePp!: number;
}

@ObjectType({ description: 'Customers who would get another offer (a new segment id)' })
export class OfferChanges {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'From one segment to another' })
  switched!: number;

  @Field(() => Int, { description: 'No segment by the champion, one by the challenger' })
  gained!: number;

  @Field(() => Int, { description: 'A segment by the champion, none by the challenger' })
  lost!: number;
}

@ObjectType({ description: "What promoting a run's model would change: both models on the same current customers" })
export class ChallengerReview {
  @Field({ description: 'The champion version the run was compared with' })
  championVersion!: string;

  @Field(() => Int)
  customers!: number;

  @Field(() => [String], { description: 'Rows and columns of the move matrix: segment ids, then "unassigned"' })
  segments!: string[];

  @Field(() => [[Int]], { description: 'moves[from][to]: customers in segment `from` by the champion and `to` by the challenger' })
  moves!: number[][];

  @Field(() => Float, { description: 'Share of customers given the same segment by both' })
  agreement!: number;

  @Field(() => OfferChanges)
  offerChanges!: OfferChanges;

  @Field(() => [ReviewShare])
  shares!: ReviewShare[];
}

@ObjectType({ description: "A customer at the champion's PCA position with both models' segments" })
export class ReviewPoint {
  @Field(() => ID)
  customerId!: string;

  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;

  @Field({ description: 'Segment id by the champion, or "unassigned"' })
  championSegment!: string;

  @Field({ description: 'Segment id by the challenger, or "unassigned"' })
  challengerSegment!: string;

  @Field()
  moved!: boolean;
}

@ObjectType({ description: "The old-vs-new map of a run's review: an even sample of at most 10,000 of its customers" })
export class ReviewMap {
  @Field(() => Int, { description: 'Customers reviewed (the sample is of these)' })
  customers!: number;

  @Field(() => [ReviewPoint])
  points!: ReviewPoint[];
}
