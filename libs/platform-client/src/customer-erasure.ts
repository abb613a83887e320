import type { GatewayClient } from './gateway-client';

/** Customer ids as the services take them (ingestion's `varchar(64)`). */
const MAX_ID_LENGTH = 64;
/** `eraseCustomers` takes at most 1,000 ids per call (one transaction in ingestion). */
export const MAX_ERASURE_BATCH = 1_000;

export interface IdFile {
  /** Distinct ids in file order. */
  readonly ids: string[];
  /** Lines that are not an id, 1-based, with why. */
  readonly problems: { readonly line: number; readonly reason: string }[];
  readonly duplicates: number;
}

/** One id per line; blank lines and `#` comments skipped, surrounding spaces and a UTF-8 BOM trimmed. */
export function parseIdFile(text: string): IdFile {
  const ids: string[] = [];
  const seen = new Set<string>();
  const problems: IdFile['problems'] = [];
  let duplicates = 0;
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const id = raw.trim();
    if (id === '' || id.startsWith('#')) return;
    if (id.length > MAX_ID_LENGTH) problems.push({ line: index + 1, reason: `longer than ${MAX_ID_LENGTH} characters` });
    else if (/[\s,;]/.test(id)) problems.push({ line: index + 1, reason: 'holds spaces, commas or semicolons: one id per line' });
    else if (seen.has(id)) duplicates++;
    else {
      seen.add(id);
      ids.push(id);
    }
  });
  return { ids, problems, duplicates };
}

export interface ErasureProgress {
  readonly done: number;
  readonly total: number;
  /** Erased by this run. */
  readonly erased: number;
  /** Erased before (idempotent: nothing more was done). */
  readonly alreadyErased: number;
}

const ERASE = `mutation EraseCustomers($ids: [ID!]!, $reason: String!) { eraseCustomers(ids: $ids, reason: $reason) { customerId erased } }`;

/**
 * Erases `ids` through the gateway's `eraseCustomers` (an admin's token), `batchSize` per call, in order, reporting after
 * each call. A failed call throws with how far it got; as erasure is idempotent, running the same file again resumes.
 */
export async function eraseCustomers(
  gateway: GatewayClient,
  ids: readonly string[],
  reason: string,
  { batchSize = 500, onProgress = () => undefined }: { batchSize?: number; onProgress?: (progress: ErasureProgress) => void } = {},
): Promise<ErasureProgress> {
  if (batchSize < 1 || batchSize > MAX_ERASURE_BATCH) throw new RangeError(`batch size must be 1 to ${MAX_ERASURE_BATCH}, got ${batchSize}`);
  let progress: ErasureProgress = { done: 0, total: ids.length, erased: 0, alreadyErased: 0 };
  for (let start = 0; start < ids.length; start += batchSize) {
    const batch = ids.slice(start, start + batchSize);
    const { eraseCustomers: results } = await gateway.query<{ eraseCustomers: { customerId: string; erased: boolean }[] }>(ERASE, { ids: batch, reason });
    const erased = results.filter((r) => r.erased).length;
    progress = { done: progress.done + batch.length, total: ids.length, erased: progress.erased + erased, alreadyErased: progress.alreadyErased + batch.length - erased };
    onProgress(progress);
  }
  return progress;
}
