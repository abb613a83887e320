import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { similarCustomer, SimilarCustomerError, toFeatureKeys } from '@seg/ml';
import { UserInputError } from '@seg/nest';
import { randomInt } from 'node:crypto';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { segmentIdsByCluster } from '../assignments/scored-batch';
import { ChampionHolder, type Champion } from '../champion/champion.holder';
import { RescoreJobsRepository } from '../rescore/rescore-jobs.repository';
import { predictFromInput } from './feature-input';
import { toRescoreJob, toSegment, toSegmentPrediction } from './scoring.mapping';
import { CustomerFeaturesInput, PcaPoint, RescoreJob, ScoringModel, Segment, SegmentPrediction, SimilarCustomer } from './scoring.models';

// 100,000 points is the map's whole data set for the real data ten times over; more belongs in pages.
export const MAX_PCA_POINTS = 100_000;

/** No champion loaded: nothing to predict with (not the caller's mistake). */
export class NoChampionError extends Error {
  constructor(modelName: string) {
    super(`No champion model of ${modelName} is loaded yet: train and promote one first`);
    this.name = 'NoChampionError';
  }
}

@Resolver()
export class ScoringResolver {
  constructor(
    private readonly champions: ChampionHolder,
    private readonly assignments: AssignmentsRepository,
    private readonly jobs: RescoreJobsRepository,
  ) {}

  @Query(() => [Segment], { description: "The champion's segments in cluster order (empty before the first champion)" })
  segments(): Segment[] {
    const bundle = this.champions.current()?.bundle ?? null;
    return bundle === null ? [] : segmentIdsByCluster(bundle).map((id) => toSegment(bundle, id));
  }

  @Query(() => [PcaPoint], { description: `Customers on the PCA map in customer id order, optionally of one segment (limit: 1 to ${MAX_PCA_POINTS})` })
  pcaPoints(
    @Args('segmentId', { type: () => ID, nullable: true }) segmentId: string | null,
    @Args('limit', { type: () => Int, defaultValue: 10_000 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<PcaPoint[]> {
    if (limit < 1 || limit > MAX_PCA_POINTS) throw new UserInputError(`limit (${limit}) is out of range: 1 to ${MAX_PCA_POINTS}`, 'limit');
    if (offset < 0) throw new UserInputError(`offset (${offset}) must not be negative`, 'offset');
    return this.assignments.pcaPoints(segmentId ?? null, limit, offset);
  }

  @Query(() => SegmentPrediction, { description: 'The segment the champion gives a customer with these features; stores nothing' })
  predictSegment(@Args('input', { type: () => CustomerFeaturesInput }) input: CustomerFeaturesInput): SegmentPrediction {
    const champion = this.requireChampion();
    return toSegmentPrediction(champion.bundle, champion.version, predictFromInput(champion.bundle, input));
  }

  @Query(() => SimilarCustomer, { description: 'A realistic generated customer of a segment; the same seed gives the same customer' })
  similarCustomer(
    @Args('segmentId', { type: () => ID }) segmentId: string,
    @Args('seed', { type: () => Int, nullable: true }) seed: number | null,
  ): SimilarCustomer {
    const { bundle } = this.requireChampion();
    const used = seed ?? randomInt(0, 2 ** 31 - 1);
    try {
      const customer = similarCustomer(bundle, segmentId, used);
      return { segment: toSegment(bundle, segmentId), seed: used, source: customer.source, features: toFeatureKeys(customer.features) };
    } catch (error) {
      if (error instanceof SimilarCustomerError) throw new UserInputError(error.message, 'segmentId');
      throw error;
    }
  }

  @Query(() => RescoreJob, { nullable: true, description: 'The latest re-score job (null before the first)' })
  async rescoreProgress(): Promise<RescoreJob | null> {
    const job = await this.jobs.latest();
    return job === null ? null : toRescoreJob(job);
  }

  @Query(() => ScoringModel, { nullable: true, description: 'The champion this instance scores with (null before the first promotion)' })
  scoringModel(): ScoringModel | null {
    const champion = this.champions.current();
    return champion === null ? null : { modelName: this.champions.modelName, version: champion.version, loadedAt: champion.loadedAt, source: champion.source };
  }

  private requireChampion(): Champion {
    const champion = this.champions.current();
    if (champion === null) throw new NoChampionError(this.champions.modelName);
    return champion;
  }
}
