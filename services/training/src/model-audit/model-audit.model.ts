import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The arguments and reasons that matter for an audited action' })
export class ModelAuditDetail {
  @Field(() => Boolean, { nullable: true, description: 'promote: whether the gate was skipped' })
  force!: boolean | null;

  @Field(() => String, { nullable: true, description: "reject: the admin's reason; supersede: the newer run; promote by mlflow: the alias move" })
  reason!: string | null;
}

@ObjectType({ description: 'One change of the model, by a person or by the platform: who, what, when, why' })
export class ModelAuditEntry {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'train, promote, reject or supersede' })
  action!: string;

  @Field()
  modelName!: string;

  @Field(() => String, { nullable: true, description: 'The version promoted, rejected or superseded (null for train: the run registers it later)' })
  modelVersion!: string | null;

  @Field(() => ID, { nullable: true, description: 'The run started, or the run that trained the version' })
  trainingRunId!: string | null;

  @Field({ description: "Who: the access token's subject, or the platform: gate (auto mode), newer-run (supersession), mlflow (the alias moved there)" })
  callerId!: string;

  @Field({ description: "Who, for people: the caller's user name at the time; the platform's callers are named as their id" })
  callerName!: string;

  @Field(() => ModelAuditDetail)
  detail!: ModelAuditDetail;

  @Field()
  at!: Date;
}
