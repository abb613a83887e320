import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IngestBatch, RejectedRow } from './ingest-batch.model';
import { withBadUserInput } from '@seg/nest';
import { checkListSize, IngestBatchesService, InvalidListSizeError, MAX_REJECTED_ROWS, type RejectedRowsLoader } from './ingest-batches.service';

export interface IngestBatchesGraphqlContext {
  readonly rejectedRowsLoader: RejectedRowsLoader;
}

@Resolver(() => IngestBatch)
export class IngestBatchesResolver {
  constructor(private readonly batches: IngestBatchesService) {}

  @Query(() => [IngestBatch], { description: 'The latest batches first (first: 1 to 200)' })
  ingestBatches(@Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<IngestBatch[]> {
    return withBadUserInput(() => this.batches.recent(first), InvalidListSizeError);
  }

  @Query(() => IngestBatch, { nullable: true })
  ingestBatch(@Args('id', { type: () => ID }) id: string): Promise<IngestBatch | null> {
    return this.batches.byId(id);
  }

  @ResolveField(() => [RejectedRow], { description: 'Rejected rows in line order (first: 1 to 1000)' })
  rejectedRows(
    @Parent() batch: IngestBatch,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Context() context: IngestBatchesGraphqlContext,
  ): Promise<RejectedRow[]> {
    return withBadUserInput(async () => {
      checkListSize('rejectedRows', first, MAX_REJECTED_ROWS);
      return context.rejectedRowsLoader.load({ batchId: batch.id, first });
    }, InvalidListSizeError);
  }
}
