import { MAX_ERASURE_REASON_LENGTH } from '@seg/contracts';

/** Most customers one call erases: the bulk CLI sends a file in calls of this many. */
export const MAX_ERASURES_PER_CALL = 1_000;
/** The longest id ingestion stores (`customers.customer_id varchar(64)`). */
const MAX_ID_LENGTH = 64;

/** A refused erasure request; the message says what to fix. */
export class InvalidErasureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidErasureError';
  }
}

/** Erase these customers everywhere, for good, for this reason, on behalf of this caller. */
export class EraseCustomersCommand {
  readonly customerIds: readonly string[];
  readonly reason: string;

  constructor(
    customerIds: readonly string[],
    reason: string,
    /** Who asked (the gateway's verified caller). */
    readonly erasedBy: string,
  ) {
    this.reason = reason.trim();
    if (this.reason.length === 0) throw new InvalidErasureError('An erasure needs a reason (e.g. the request it answers)');
    if (this.reason.length > MAX_ERASURE_REASON_LENGTH)
      throw new InvalidErasureError(`The reason is longer than ${MAX_ERASURE_REASON_LENGTH} characters`);
    const ids = [...new Set(customerIds.map((id) => id.trim()))];
    if (ids.length === 0) throw new InvalidErasureError('No customer id to erase');
    if (ids.length > MAX_ERASURES_PER_CALL)
      throw new InvalidErasureError(`At most ${MAX_ERASURES_PER_CALL} customers per call, got ${ids.length}`);
    const bad = ids.find((id) => id.length === 0 || id.length > MAX_ID_LENGTH || /[\t\n\r]/.test(id));
    if (bad !== undefined)
      throw new InvalidErasureError(
        `Not a customer id: ${JSON.stringify(bad.slice(0, 80))} (1 to ${MAX_ID_LENGTH} characters, no tab or line break)`,
      );
    this.customerIds = ids;
  }
}
