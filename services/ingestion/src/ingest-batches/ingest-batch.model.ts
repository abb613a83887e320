import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A row that was not stored: where, why, and the row as sent' })
export class RejectedRow {
  @Field(() => Int, { description: '1-based line of the file' })
  line!: number;

  @Field(() => String, { nullable: true })
  customerId!: string | null;

  @Field(() => String, { nullable: true, description: 'The failing column(s); null when the whole row is malformed' })
  column!: string | null;

  @Field()
  reason!: string;

  @Field({ description: 'The row as written, its first characters only when rawTruncated' })
  raw!: string;

  @Field(() => Int, { description: 'Length of the whole row as written, in characters (UTF-16 code units)' })
  rawLength!: number;

  @Field({ description: 'Whether raw is only the start of the row' })
  rawTruncated!: boolean;
}

@ObjectType({ description: 'One CSV upload or one consumed batch of raw events' })
export class IngestBatch {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'csv or kafka' })
  source!: string;

  @Field(() => String, { nullable: true })
  fileName!: string | null;

  @Field({ description: 'running, completed or failed' })
  status!: string;

  @Field(() => Int)
  read!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Accepted rows equal to what was stored: not rewritten, not re-published' })
  unchanged!: number;

  @Field(() => Int, { description: "Rows or events older, by the source's time, than the customer's state (stored, or newer in the batch): skipped" })
  stale!: number;

  @Field(() => Int, { description: 'Accepted rows or events of customers erased on request: not stored, the customers stay erased (their rejected rows are not stored either)' })
  erased!: number;

  @Field(() => Int, { description: 'Accepted rows with a documented correction, e.g. a ratio slightly above 1 clamped' })
  warnings!: number;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}
