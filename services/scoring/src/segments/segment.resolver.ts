import { Context, Float, Int, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { segmentIdsByCluster } from '../assignments/scored-batch';
import { ChampionHolder } from '../champion/champion.holder';
import type { ScoringGraphqlContext } from '../graphql-api/scoring.loaders';
import { toSegment } from './segment.mapper';
import { Segment } from './segment.model';

@Resolver(() => Segment)
export class SegmentResolver {
  constructor(private readonly champions: ChampionHolder) {}

  @Query(() => [Segment], { description: "The champion's segments in cluster order (empty before the first champion)" })
  segments(): Segment[] {
    const bundle = this.champions.current()?.bundle ?? null;
    return bundle === null ? [] : segmentIdsByCluster(bundle).map((id) => toSegment(bundle, id));
  }

  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }): Segment {
    return toSegment(this.champions.current()?.bundle ?? null, reference.id);
  }

  @ResolveField(() => Int, { description: 'Customers currently assigned to it by the champion' })
  async size(@Parent() segment: Segment, @Context() context: ScoringGraphqlContext): Promise<number> {
    return (await this.sizes(context)).get(segment.id) ?? 0;
  }

  @ResolveField(() => Float, { description: "Share of the champion's assigned customers, 0 to 1" })
  async share(@Parent() segment: Segment, @Context() context: ScoringGraphqlContext): Promise<number> {
    const sizes = await this.sizes(context);
    const total = [...sizes.values()].reduce((sum, n) => sum + n, 0);
    return total === 0 ? 0 : (sizes.get(segment.id) ?? 0) / total;
  }

  private async sizes(context: ScoringGraphqlContext): Promise<Map<string, number>> {
    const champion = this.champions.current();
    return champion === null ? new Map() : context.loaders.segmentSizes.load(champion.version);
  }
}
