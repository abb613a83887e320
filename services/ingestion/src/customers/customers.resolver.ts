import { Args, Context, ID, Int, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Customer, CustomerConnection } from './customer.model';
import { withBadUserInput } from '@seg/nest';
import { InvalidCursorError } from './customer-cursor';
import { CustomersService, InvalidPageSizeError, type CustomerLoader } from './customers.service';

export interface IngestionGraphqlContext {
  readonly customerLoader: CustomerLoader;
}

@Resolver(() => Customer)
export class CustomersResolver {
  constructor(private readonly customerService: CustomersService) {}

  @Query(() => Customer, { nullable: true, description: 'A customer by id, or null when unknown' })
  customer(@Args('id', { type: () => ID }) id: string, @Context() context: IngestionGraphqlContext): Promise<Customer | null> {
    return context.customerLoader.load(id);
  }

  @Query(() => CustomerConnection, { description: 'Customers in id order, cursor-paginated (first: 1 to 500)' })
  customers(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<CustomerConnection> {
    return withBadUserInput(() => this.customerService.page(first, after ?? null), InvalidPageSizeError, InvalidCursorError);
  }

  // No parameter decorators: Apollo calls __resolveReference(reference, context), and Nest passes both as is.
  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: IngestionGraphqlContext): Promise<Customer | null> {
    return context.customerLoader.load(reference.id);
  }
}

@Resolver(() => CustomerConnection)
export class CustomerConnectionResolver {
  constructor(private readonly customerService: CustomersService) {}

  // Its own resolver: counting scans the table, which a page of customers should not pay for unless asked.
  @ResolveField(() => Int)
  totalCount(): Promise<number> {
    return this.customerService.totalCount();
  }
}
