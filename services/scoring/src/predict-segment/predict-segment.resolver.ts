import { Args, Query, Resolver } from '@nestjs/graphql';
import { ChampionHolder } from '../champion/champion.holder';
import { requireChampion } from '../champion/require-champion';
import { predictFromInput } from './feature-input';
import { toSegmentPrediction } from './segment-prediction.mapper';
import { CustomerFeaturesInput, SegmentPrediction } from './segment-prediction.model';

@Resolver()
export class PredictSegmentResolver {
  constructor(private readonly champions: ChampionHolder) {}

  @Query(() => SegmentPrediction, { description: 'The segment the champion gives a customer with these features; stores nothing' })
  predictSegment(@Args('input', { type: () => CustomerFeaturesInput }) input: CustomerFeaturesInput): SegmentPrediction {
    const champion = requireChampion(this.champions);
    return toSegmentPrediction(champion.bundle, champion.version, predictFromInput(champion.bundle, input));
  }
}
