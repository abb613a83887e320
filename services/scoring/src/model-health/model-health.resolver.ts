import { Query, Resolver } from '@nestjs/graphql';
import { AssessModelHealthUseCase } from './assess-model-health.usecase';
import { toModelHealth } from './model-health.mapper';
import { ModelHealth } from './model-health.model';

@Resolver()
export class ModelHealthResolver {
  constructor(private readonly assess: AssessModelHealthUseCase) {}

  @Query(() => ModelHealth, {
    nullable: true,
    description: 'Drift of the champion judged now across the scoring replicas (analyst and admin); null before the first champion or with SCORING_DRIFT_MONITOR=off',
  })
  async modelHealth(): Promise<ModelHealth | null> {
    const assessment = await this.assess.execute();
    return assessment === null ? null : toModelHealth(assessment);
  }
}
