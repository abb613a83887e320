import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A re-score of every customer after a promotion' })
export class RescoreJob {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'running, succeeded, failed or superseded (a newer champion came first)' })
  status!: string;

  @Field()
  modelVersion!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => Float, { description: '0 to 100' })
  percent!: number;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}
