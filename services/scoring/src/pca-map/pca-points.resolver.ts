import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { UserInputError } from '@seg/nest';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { PcaPoint } from './pca-point.model';

// 100,000 points is the map's whole data set for the real data ten times over; more belongs in pages.
export const MAX_PCA_POINTS = 100_000;

@Resolver()
export class PcaPointsResolver {
  constructor(private readonly assignments: AssignmentsRepository) {}

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
}
