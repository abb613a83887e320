/**
 * The editable copy of an offer and the most characters each field may hold: what fits a push
 * notification title, an email body and a terms panel without being cut. The offers service enforces them
 * (trimmed, not empty, at most this long); the web client's editor checks the same limits before sending
 * (`npm run web:codegen` copies them into the client).
 */
export const OFFER_CONTENT_LIMITS = {
  title: 120,
  description: 600,
  product: 120,
  channel: 60,
  terms: 1000,
} as const;

export type OfferContentField = keyof typeof OFFER_CONTENT_LIMITS;

export const OFFER_CONTENT_FIELDS = Object.keys(OFFER_CONTENT_LIMITS) as OfferContentField[];

export type OfferContent = Record<OfferContentField, string>;

/** The copy alone, as stored in an audit row's before/after. */
export function offerContentOf(offer: OfferContent): OfferContent {
  return Object.fromEntries(OFFER_CONTENT_FIELDS.map((field) => [field, offer[field]])) as OfferContent;
}
