import { Context, Float, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ChampionHolder } from '../champion/champion.holder';
import { toSegment } from './scoring.mapping';
import { Segment } from './scoring.models';
import type { ScoringGraphqlContext } from './scoring.loaders';

@Resolver(() => Segment)
export class SegmentResolver {
  constructor(private readonly champions: ChampionHolder) {}

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
