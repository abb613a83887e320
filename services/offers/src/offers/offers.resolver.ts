import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { OffersGraphqlContext } from '../graphql-api/offers-graphql.context';
import { toUpdateOfferCommand } from '../update-offer/update-offer.command';
import { UpdateOfferUseCase } from '../update-offer/update-offer.usecase';
import { UpdateOfferInput } from './dto/update-offer.input';
import { requireSegmentId } from './offer-input';
import { Offer, OfferAuditEntry } from './offer.model';
import { OffersService } from './offers.service';

@Resolver(() => Offer)
export class OffersResolver {
  constructor(
    private readonly offersService: OffersService,
    private readonly updateOfferUseCase: UpdateOfferUseCase,
  ) {}

  @Query(() => [Offer], { description: 'Every segment offer, in segment order' })
  offers(): Promise<Offer[]> {
    return this.offersService.all();
  }

  @Query(() => Offer, { nullable: true, description: 'The offer of one segment (BAD_USER_INPUT for an unknown segment id)' })
  offer(@Args('segmentId', { type: () => ID }) segmentId: string, @Context() context: OffersGraphqlContext): Promise<Offer | null> {
    return context.offerLoader.load(requireSegmentId(segmentId));
  }

  @Query(() => [OfferAuditEntry], { description: "A segment offer's edits, latest first (first: 1 to 100)" })
  offerAudit(
    @Args('segmentId', { type: () => ID }) segmentId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<OfferAuditEntry[]> {
    return this.offersService.audit(segmentId, first);
  }

  @Mutation(() => Offer, { description: "Changes a segment's offer and records who changed what in the audit, in one transaction" })
  updateOffer(
    @Args('segmentId', { type: () => ID }) segmentId: string,
    @Args('input', { type: () => UpdateOfferInput }) input: UpdateOfferInput,
    @Context() context: OffersGraphqlContext,
  ): Promise<Offer> {
    return this.updateOfferUseCase.execute(toUpdateOfferCommand(segmentId, input, context.caller));
  }
}
