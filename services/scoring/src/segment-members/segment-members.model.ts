import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PcaPosition } from '../pca-map/pca-position.model';

@ObjectType({ description: 'A customer in a segment at a time: the assignment in force then' })
export class SegmentMember {
  @Field(() => ID)
  customerId!: string;

  @Field(() => ID)
  segmentId!: string;

  @Field({ description: 'The model version of that assignment' })
  modelVersion!: string;

  @Field(() => PcaPosition, { nullable: true, description: 'Null as of a past time when the assignment changed since (positions are not kept per time)' })
  pca!: PcaPosition | null;

  @Field({ description: 'When that assignment was written' })
  assignedAt!: Date;
}

@ObjectType({ description: 'A page of segment members in customer id order' })
export class SegmentMemberConnection {
  @Field(() => [SegmentMember])
  nodes!: SegmentMember[];

  @Field({ description: 'The time the membership is as of (now when not asked)' })
  asOf!: Date;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page' })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType({ description: 'How a segment changed between two times' })
export class SegmentFlow {
  @Field(() => ID)
  segmentId!: string;

  @Field(() => Int)
  membersAtFrom!: number;

  @Field(() => Int)
  membersAtTo!: number;

  @Field(() => Int, { description: 'Customers in it at `to` that were not at `from` (new customers included)' })
  movedIn!: number;

  @Field(() => Int, { description: 'Customers in it at `from` that are not at `to`' })
  movedOut!: number;
}
