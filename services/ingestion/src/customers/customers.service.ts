import { Injectable } from '@nestjs/common';
import { toFeatureKeys } from '@seg/ml';
import DataLoader from 'dataloader';
import { featuresByName } from './customer-columns';
import { decodeCustomerCursor, encodeCustomerCursor } from './customer-cursor';
import type { CustomerEntity } from './customer.entity';
import type { Customer, CustomerConnection } from './customer.model';
import { CustomersRepository } from './customers.repository';

export const MAX_PAGE_SIZE = 500;

export type CustomerLoader = DataLoader<string, Customer | null>;

export function toCustomer(entity: CustomerEntity): Customer {
  return {
    id: entity.customerId,
    features: toFeatureKeys(featuresByName(entity.features)),
    source: entity.source,
    updatedAt: entity.updatedAt,
    occurredAt: entity.occurredAt,
  };
}

/** `first` outside 1..MAX_PAGE_SIZE. */
export class InvalidPageSizeError extends Error {
  constructor(first: number) {
    super(`customers(first: ${first}) is out of range: ask for 1 to ${MAX_PAGE_SIZE} customers per page`);
    this.name = 'InvalidPageSizeError';
  }
}

@Injectable()
export class CustomersService {
  constructor(private readonly repository: CustomersRepository) {}

  /** One per GraphQL request: every customer looked up in that request is fetched in one query. */
  createLoader(): CustomerLoader {
    return new DataLoader<string, Customer | null>(async (ids) => {
      const byId = new Map((await this.repository.findByIds(ids)).map((entity) => [entity.customerId, toCustomer(entity)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  async page(first: number, after: string | null): Promise<CustomerConnection> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new InvalidPageSizeError(first);
    const afterId = after === null ? null : decodeCustomerCursor(after);
    // One extra row tells whether another page follows, without a second query.
    const rows = await this.repository.findPage(first + 1, afterId);
    const edges = rows.slice(0, first).map((entity) => ({ cursor: encodeCustomerCursor(entity.customerId), node: toCustomer(entity) }));
    return {
      edges,
      pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first },
    };
  }

  /** Every stored customer: a scan of the table, so only run when a query asks for it. */
  totalCount(): Promise<number> {
    return this.repository.count();
  }
}
