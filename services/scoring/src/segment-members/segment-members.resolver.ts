import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { withBadUserInput } from '@seg/nest';
import { InvalidMembershipQueryError, membershipQuery, membershipTime } from './membership-query';
import { SegmentFlow, SegmentMemberConnection } from './segment-members.model';
import { SegmentMembersRepository } from './segment-members.repository';

export const MAX_MEMBERS_PAGE = 1_000;

@Resolver(() => SegmentMemberConnection)
export class SegmentMembersResolver {
  constructor(private readonly members: SegmentMembersRepository) {}

  @Query(() => SegmentMemberConnection, {
    description: `The members of a segment as of a time (now by default), in customer id order (first: 1 to ${MAX_MEMBERS_PAGE}, after: a customer id)`,
  })
  segmentMembers(
    @Args('segmentId', { type: () => ID }) segmentId: string,
    @Args('asOf', { type: () => String, nullable: true, description: 'ISO-8601 instant' }) asOf: string | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<SegmentMemberConnection> {
    return withBadUserInput(async () => {
      if (!Number.isInteger(first) || first < 1 || first > MAX_MEMBERS_PAGE) throw new InvalidMembershipQueryError(`first must be 1 to ${MAX_MEMBERS_PAGE}, got ${first}`, 'first');
      // Every page of one listing is as of the same time: the first page's, fixed by the caller's asOf or now.
      const query = membershipQuery(segmentId, asOf ?? new Date().toISOString());
      const rows = await this.members.page(query, first + 1, after ?? null);
      const nodes = rows.slice(0, first).map((row) => ({
        customerId: row.customerId,
        segmentId: row.segmentId,
        modelVersion: row.modelVersion,
        pca: row.pcaX === null || row.pcaY === null ? null : { x: row.pcaX, y: row.pcaY },
        assignedAt: new Date(row.assignedAt),
      }));
      return { nodes, asOf: new Date(query.asOf as string), endCursor: rows.length > first ? nodes[nodes.length - 1].customerId : null, hasNextPage: rows.length > first };
    }, InvalidMembershipQueryError);
  }

  @Query(() => [SegmentFlow], { description: 'For two times, how many customers were in each segment and how many moved in and out of it between them' })
  segmentFlows(@Args('from', { description: 'ISO-8601 instant' }) from: string, @Args('to', { description: 'ISO-8601 instant' }) to: string): Promise<SegmentFlow[]> {
    return withBadUserInput(() => this.members.flows(membershipTime(from, 'from'), membershipTime(to, 'to')), InvalidMembershipQueryError);
  }
}
