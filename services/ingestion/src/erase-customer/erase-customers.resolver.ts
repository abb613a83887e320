import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { USER_ID_HEADER } from '@seg/contracts';
import { withBadUserInput } from '@seg/nest';
import type { IncomingMessage } from 'node:http';
import { CustomerErasure } from './customer-erasure.model';
import { EraseCustomersCommand, InvalidErasureError, MAX_ERASURES_PER_CALL } from './erase-customers.command';
import { EraseCustomersUseCase } from './erase-customers.usecase';

/** The request, for the caller the gateway verified (only requests with the gateway's secret get this far). */
export interface ErasureGraphqlContext {
  readonly req: IncomingMessage;
}

function callerOf(context: ErasureGraphqlContext): string {
  const header = context.req.headers[USER_ID_HEADER];
  return (Array.isArray(header) ? header[0] : header)?.trim().slice(0, 200) || 'unknown';
}

// Admins only: the gateway's policy gives every mutation to admins.
@Resolver(() => CustomerErasure)
export class EraseCustomersResolver {
  constructor(private readonly erasure: EraseCustomersUseCase) {}

  @Mutation(() => CustomerErasure, {
    description:
      "Erases a customer everywhere, for good (ingestion's rows now; training and scoring on the events it publishes); idempotent",
  })
  async eraseCustomer(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @Context() context: ErasureGraphqlContext,
  ): Promise<CustomerErasure> {
    const [erasure] = await withBadUserInput(
      () => this.erasure.execute(new EraseCustomersCommand([id], reason, callerOf(context))),
      InvalidErasureError,
    );
    return erasure;
  }

  @Mutation(() => [CustomerErasure], {
    description: `eraseCustomer for up to ${MAX_ERASURES_PER_CALL} customers in one transaction (the bulk CLI)`,
  })
  eraseCustomers(
    @Args('ids', { type: () => [ID] }) ids: string[],
    @Args('reason') reason: string,
    @Context() context: ErasureGraphqlContext,
  ): Promise<CustomerErasure[]> {
    return withBadUserInput(() => this.erasure.execute(new EraseCustomersCommand(ids, reason, callerOf(context))), InvalidErasureError);
  }
}
