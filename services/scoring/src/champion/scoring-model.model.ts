import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The champion model this instance scores with' })
export class ScoringModel {
  @Field({ description: 'Registered MLflow model name' })
  modelName!: string;

  @Field()
  version!: string;

  @Field()
  loadedAt!: Date;

  @Field({ description: 'mlflow, or cache when MLflow was unreachable at boot' })
  source!: string;
}
