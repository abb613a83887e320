import { Query, Resolver } from '@nestjs/graphql';
import { ChampionHolder } from './champion.holder';
import { ScoringModel } from './scoring-model.model';

@Resolver()
export class ScoringModelResolver {
  constructor(private readonly champions: ChampionHolder) {}

  @Query(() => ScoringModel, { nullable: true, description: 'The champion this instance scores with (null before the first promotion)' })
  scoringModel(): ScoringModel | null {
    const champion = this.champions.current();
    return champion === null ? null : { modelName: this.champions.modelName, version: champion.version, loadedAt: champion.loadedAt, source: champion.source };
  }
}
