import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { similarCustomer, SimilarCustomerError, toFeatureKeys } from '@seg/ml';
import { UserInputError } from '@seg/nest';
import { randomInt } from 'node:crypto';
import { ChampionHolder } from '../champion/champion.holder';
import { requireChampion } from '../champion/require-champion';
import { toSegment } from '../segments/segment.mapper';
import { SimilarCustomer } from './similar-customer.model';

@Resolver()
export class SimilarCustomerResolver {
  constructor(private readonly champions: ChampionHolder) {}

  @Query(() => SimilarCustomer, { description: 'A realistic generated customer of a segment; the same seed gives the same customer' })
  similarCustomer(
    @Args('segmentId', { type: () => ID }) segmentId: string,
    @Args('seed', { type: () => Int, nullable: true }) seed: number | null,
  ): SimilarCustomer {
    const { bundle } = requireChampion(this.champions);
    const used = seed ?? randomInt(0, 2 ** 31 - 1);
    try {
      const customer = similarCustomer(bundle, segmentId, used);
      return { segment: toSegment(bundle, segmentId), seed: used, source: customer.source, features: toFeatureKeys(customer.features) };
    } catch (error) {
      if (error instanceof SimilarCustomerError) throw new UserInputError(error.message, 'segmentId');
      throw error;
    }
  }
}
