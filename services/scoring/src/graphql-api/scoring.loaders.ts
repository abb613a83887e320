import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AssignmentsRepository, type AssignmentRow, type SegmentChangeRow } from '../assignments/assignments.repository';

/** Built fresh per request (see AppModule): batching and caching never leak between requests. */
export interface ScoringLoaders {
  readonly assignment: DataLoader<string, AssignmentRow | null>;
  readonly history: DataLoader<string, SegmentChangeRow[]>;
  /** Customers per segment id among those scored by a model version (the key). */
  readonly segmentSizes: DataLoader<string, Map<string, number>>;
}

export interface ScoringGraphqlContext {
  readonly loaders: ScoringLoaders;
}

@Injectable()
export class ScoringLoadersFactory {
  constructor(private readonly assignments: AssignmentsRepository) {}

  create(): ScoringLoaders {
    return {
      assignment: new DataLoader(async (ids) => {
        const byId = new Map((await this.assignments.byCustomerIds(ids)).map((row) => [row.customerId, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      history: new DataLoader(async (ids) => {
        const byId = new Map<string, SegmentChangeRow[]>(ids.map((id) => [id, []]));
        for (const row of await this.assignments.historyOf(ids)) byId.get(row.customerId)?.push(row);
        return ids.map((id) => byId.get(id) ?? []);
      }),
      segmentSizes: new DataLoader(async (versions) => Promise.all(versions.map((version) => this.assignments.sizes(version)))),
    };
  }
}
