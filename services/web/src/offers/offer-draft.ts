import limits from './offer-limits.json';

export type OfferField = 'title' | 'description' | 'product' | 'channel' | 'terms';
export type OfferCopy = Readonly<Record<OfferField, string>>;

/** The editable fields in order, with the offers service's limits (generated from @seg/contracts). */
export const OFFER_FIELDS = limits as readonly { readonly field: OfferField; readonly max: number }[];

export const FIELD_LABELS: Readonly<Record<OfferField, string>> = {
  title: 'Title',
  description: 'Description',
  product: 'Product',
  channel: 'Channel',
  terms: 'Terms',
};

/** The offers service's rule for one field, in the editor's words: trimmed, not empty, at most `max` characters. */
export function fieldProblem(value: string, max: number): string | null {
  const text = value.trim();
  if (text === '') return 'Must not be empty.';
  if (text.length > max) return `${text.length.toLocaleString('en')} characters: at most ${max.toLocaleString('en')}.`;
  return null;
}

export function draftProblems(draft: OfferCopy): Partial<Record<OfferField, string>> {
  const problems: Partial<Record<OfferField, string>> = {};
  for (const { field, max } of OFFER_FIELDS) {
    const problem = fieldProblem(draft[field], max);
    if (problem !== null) problems[field] = problem;
  }
  return problems;
}

export function copyOf(offer: OfferCopy): OfferCopy {
  return Object.fromEntries(OFFER_FIELDS.map(({ field }) => [field, offer[field]])) as Record<OfferField, string>;
}

/** The fields the draft changes, trimmed, as `updateOffer`'s input: empty when it changes nothing. */
export function changedFields(offer: OfferCopy, draft: OfferCopy): Partial<Record<OfferField, string>> {
  const changes: Partial<Record<OfferField, string>> = {};
  for (const { field } of OFFER_FIELDS) {
    const text = draft[field].trim();
    if (text !== offer[field]) changes[field] = text;
  }
  return changes;
}

/** The server names a refused field as `input.title`; the editor shows it beside that field. */
export function fieldOfPath(path: unknown): OfferField | null {
  if (typeof path !== 'string' || !path.startsWith('input.')) return null;
  const field = path.slice('input.'.length);
  return OFFER_FIELDS.some((f) => f.field === field) ? (field as OfferField) : null;
}

/** What one audit entry changed, field by field, in the editor's order. */
export function auditChanges(before: OfferCopy, after: OfferCopy): { readonly field: OfferField; readonly before: string; readonly after: string }[] {
  return OFFER_FIELDS.filter(({ field }) => before[field] !== after[field]).map(({ field }) => ({ field, before: before[field], after: after[field] }));
}
