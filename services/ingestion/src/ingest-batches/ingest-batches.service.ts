import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { IngestBatchEntity } from './ingest-batch.entity';
import type { IngestBatch, RejectedRow } from './ingest-batch.model';
import { IngestBatchesRepository } from './ingest-batches.repository';

export const MAX_BATCHES = 200;
export const MAX_REJECTED_ROWS = 1000;

export type RejectedRowsLoader = DataLoader<{ batchId: string; first: number }, RejectedRow[], string>;

/** `first` outside what a list field allows. */
export class InvalidListSizeError extends Error {
  constructor(field: string, first: number, max: number) {
    super(`${field}(first: ${first}) is out of range: ask for 1 to ${max}`);
    this.name = 'InvalidListSizeError';
  }
}

export function toIngestBatch(entity: IngestBatchEntity): IngestBatch {
  return {
    id: entity.id,
    source: entity.source,
    fileName: entity.fileName,
    status: entity.status,
    read: entity.rowsRead,
    accepted: entity.rowsAccepted,
    rejected: entity.rowsRejected,
    inserted: entity.rowsInserted,
    updated: entity.rowsUpdated,
    unchanged: entity.rowsUnchanged,
    stale: entity.rowsStale,
    erased: entity.rowsErased,
    warnings: entity.warnings,
    startedAt: entity.startedAt,
    finishedAt: entity.finishedAt,
    error: entity.error,
  };
}

export function checkListSize(field: string, first: number, max: number): void {
  if (!Number.isInteger(first) || first < 1 || first > max) throw new InvalidListSizeError(field, first, max);
}

@Injectable()
export class IngestBatchesService {
  constructor(private readonly repository: IngestBatchesRepository) {}

  async recent(first: number): Promise<IngestBatch[]> {
    checkListSize('ingestBatches', first, MAX_BATCHES);
    return (await this.repository.findRecent(first)).map(toIngestBatch);
  }

  async byId(id: string): Promise<IngestBatch | null> {
    const entity = await this.repository.findById(id);
    return entity && toIngestBatch(entity);
  }

  /** One per GraphQL request: the rejected rows of every batch in a list come from one query per `first`. */
  createRejectedRowsLoader(): RejectedRowsLoader {
    return new DataLoader(
      async (keys) => {
        const rowsByKey = new Map<string, RejectedRow[]>();
        for (const first of new Set(keys.map((key) => key.first))) {
          const batchIds = keys.filter((key) => key.first === first).map((key) => key.batchId);
          for (const row of await this.repository.findRejected(batchIds, first)) {
            const key = `${row.batchId}:${first}`;
            const rows = rowsByKey.get(key);
            if (rows) rows.push(row);
            else rowsByKey.set(key, [row]);
          }
        }
        return keys.map((key) => rowsByKey.get(`${key.batchId}:${key.first}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.batchId}:${key.first}` },
    );
  }
}
