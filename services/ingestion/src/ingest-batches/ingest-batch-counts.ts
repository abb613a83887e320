/** What one transaction of a batch added to its counts. */
export interface IngestCounts {
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Older than the customer's state (stored, or newer in the same batch): not written. */
  readonly stale: number;
  /** Accepted rows of customers erased on request: not written (docs/decisions/0020-erasure-and-export.md). */
  readonly erased: number;
  readonly warnings: number;
}

export const NO_COUNTS: IngestCounts = { read: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchanged: 0, stale: 0, erased: 0, warnings: 0 };

export function addCounts(a: IngestCounts, b: IngestCounts): IngestCounts {
  return {
    read: a.read + b.read,
    accepted: a.accepted + b.accepted,
    rejected: a.rejected + b.rejected,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    stale: a.stale + b.stale,
    erased: a.erased + b.erased,
    warnings: a.warnings + b.warnings,
  };
}
