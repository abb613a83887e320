import type { SegmentId } from '@seg/ml';
import type { RequestCaller } from '@seg/nest';
import { OFFER_CONTENT_FIELDS, OFFER_CONTENT_LIMITS, type OfferContent } from '@seg/contracts';
import { InvalidOfferInputError, requireSegmentId } from '../offers/offer-input';

/** A validated edit: the segment, the fields to change (trimmed, within limits, at least one) and who asks. */
export interface UpdateOfferCommand {
  readonly segmentId: SegmentId;
  readonly changes: Readonly<Partial<OfferContent>>;
  readonly changedBy: RequestCaller;
}

export type UpdateOfferFields = Readonly<Partial<Record<keyof OfferContent, string | null>>>;

/** Validates a mutation's arguments; the first problem found is thrown as an InvalidOfferInputError naming its field. */
export function toUpdateOfferCommand(segmentId: string, input: UpdateOfferFields, changedBy: RequestCaller): UpdateOfferCommand {
  const changes: Partial<OfferContent> = {};
  const validSegmentId = requireSegmentId(segmentId);
  for (const field of OFFER_CONTENT_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    const path = `input.${field}`;
    // Every field is required on an offer: null would clear it, so it is refused rather than read as "keep".
    if (value === null) throw new InvalidOfferInputError(path, `${path} must not be null: leave it out to keep the current ${field}`);
    const text = value.trim();
    if (text === '') throw new InvalidOfferInputError(path, `${path} must not be empty`);
    const max = OFFER_CONTENT_LIMITS[field];
    if (text.length > max) throw new InvalidOfferInputError(path, `${path} is ${text.length} characters long: at most ${max} are allowed`);
    changes[field] = text;
  }
  if (Object.keys(changes).length === 0) {
    throw new InvalidOfferInputError('input', `input must set at least one of ${OFFER_CONTENT_FIELDS.join(', ')}`);
  }
  return { segmentId: validSegmentId, changes, changedBy };
}
