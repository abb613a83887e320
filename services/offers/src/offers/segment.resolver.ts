import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { OffersGraphqlContext } from '../graphql-api/offers-graphql.context';
import { Offer, Segment } from './offer.model';

@Resolver(() => Segment)
export class SegmentResolver {
  // Nothing to load: the only field here besides the key is `offer`, batched below.
  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }): Segment {
    return { id: reference.id };
  }

  @ResolveField(() => Offer, { nullable: true, description: "The segment's curated offer; null for an id without one" })
  offer(@Parent() segment: Segment, @Context() context: OffersGraphqlContext): Promise<Offer | null> {
    return context.offerLoader.load(segment.id);
  }
}
