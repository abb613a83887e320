import { isSegmentId, SEGMENT_DEFINITIONS, type SegmentId } from '@seg/ml';
import { UserInputError } from '@seg/nest';

/** A caller's mistake in one argument or input field, named by its GraphQL path (e.g. `input.title`). */
export class InvalidOfferInputError extends UserInputError {
  constructor(field: string, message: string) {
    super(message, field);
    this.name = 'InvalidOfferInputError';
  }
}

export const MAX_AUDIT_PAGE_SIZE = 100;

/** `value` as a segment id, or an error listing the known ids with their labels. */
export function requireSegmentId(value: string, field = 'segmentId'): SegmentId {
  if (isSegmentId(value)) return value;
  const known = SEGMENT_DEFINITIONS.map((segment) => `${segment.id} (${segment.label})`).join(', ');
  throw new InvalidOfferInputError(field, `${field} ${JSON.stringify(value)} is not a segment id: expected one of ${known}`);
}

export function requireAuditPageSize(first: number): number {
  if (Number.isInteger(first) && first >= 1 && first <= MAX_AUDIT_PAGE_SIZE) return first;
  throw new InvalidOfferInputError('first', `first (${first}) is out of range: ask for 1 to ${MAX_AUDIT_PAGE_SIZE} audit entries`);
}
