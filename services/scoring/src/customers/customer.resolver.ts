import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ChampionHolder } from '../champion/champion.holder';
import type { ScoringGraphqlContext } from '../graphql-api/scoring.loaders';
import { toSegmentAssignment, toSegmentChange } from './customer.mapper';
import { Customer, SegmentAssignment, SegmentChange } from './customer.model';

@Resolver(() => Customer)
export class CustomerResolver {
  constructor(private readonly champions: ChampionHolder) {}

  // Nothing to load for the reference itself: both fields are batched below.
  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }): Customer {
    return { id: reference.id };
  }

  @ResolveField(() => SegmentAssignment, { nullable: true, description: 'The current segment; null until the customer is scored' })
  async segment(@Parent() customer: Customer, @Context() context: ScoringGraphqlContext): Promise<SegmentAssignment | null> {
    const row = await context.loaders.assignment.load(customer.id);
    return row === null ? null : toSegmentAssignment(this.champions.current(), row);
  }

  @ResolveField(() => [SegmentChange], { description: 'Every change of segment, oldest first' })
  async segmentHistory(@Parent() customer: Customer, @Context() context: ScoringGraphqlContext): Promise<SegmentChange[]> {
    const bundle = this.champions.current()?.bundle ?? null;
    return (await context.loaders.history.load(customer.id)).map((row) => toSegmentChange(bundle, row));
  }
}
