import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One check of the promotion gate' })
export class GateCheck {
  @Field({ description: 'segments-assigned, min-segment-share or silhouette' })
  rule!: string;

  @Field()
  passed!: boolean;

  @Field()
  detail!: string;
}

@ObjectType({ description: 'Whether a trained version was good enough to become the champion, and why not' })
export class GateResult {
  @Field()
  passed!: boolean;

  @Field(() => [GateCheck])
  checks!: GateCheck[];

  @Field(() => [String], { description: 'Details of the failed checks' })
  reasons!: string[];
}
