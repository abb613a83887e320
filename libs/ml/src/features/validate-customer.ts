import { FEATURES, ID_COLUMN, type CustomerFeatures, type FeatureValues } from './feature-schema';
import { normalizeFeatureValue, quoteRaw, type FieldError, type FeatureWarning } from './feature-value';
import { CharCode } from './char-codes';

export const MAX_CUSTOMER_ID_LENGTH = 64;

/** One customer as read from a CSV row or a form: feature values by CSV name, plus CUST_ID. */
export type CustomerRecord = Readonly<Record<string, number | string | null | undefined>>;

export type CustomerValidation =
  | { readonly ok: true; readonly customer: CustomerFeatures; readonly warnings: FeatureWarning[] }
  | { readonly ok: false; readonly errors: FieldError[] };

/** The raw event on `customers.raw.v1`, after validation. */
export interface RawCustomerEvent {
  readonly customerId: string;
  /** ISO-8601 instant exactly as sent. */
  readonly occurredAt: string;
  readonly features: FeatureValues;
}

export type RawCustomerEventValidation =
  | { readonly ok: true; readonly event: RawCustomerEvent; readonly warnings: FeatureWarning[] }
  | { readonly ok: false; readonly errors: FieldError[] };

const ID_PUNCTUATION = new Set([95, 46, 58, 45]); // _ . : -

/** Checks a customer id (non-empty, ≤ 64 chars of `[A-Za-z0-9_.:-]`); returns the reason or null. */
export function customerIdProblem(id: unknown, column: string = ID_COLUMN): string | null {
  if (typeof id !== 'string') return `${column}: must be a string (${id === null || id === undefined ? 'missing' : typeof id})`;
  if (id.length === 0) return `${column}: missing customer id`;
  if (id.length > MAX_CUSTOMER_ID_LENGTH) return `${column}: longer than ${MAX_CUSTOMER_ID_LENGTH} characters (${quoteRaw(id)})`;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const ok = (c >= CharCode.UPPER_A && c <= CharCode.UPPER_Z) || (c >= CharCode.LOWER_A && c <= CharCode.LOWER_Z) || (c >= CharCode.DIGIT_0 && c <= CharCode.DIGIT_9) || ID_PUNCTUATION.has(c);
    if (!ok) return `${column}: only letters, digits and _ . : - are allowed (${quoteRaw(id)})`;
  }
  return null;
}

interface FeatureSource {
  /** When set, a feature key that is absent is an error with this reason (events); otherwise it is missing. */
  readonly absentReason: string | null;
  /** JSON carries numbers natively; numeric text in an event means a producer bug, so it is refused. */
  readonly rejectText: boolean;
}

const CSV_SOURCE: FeatureSource = { absentReason: null, rejectText: false };
const EVENT_SOURCE: FeatureSource = { absentReason: 'missing from the event (send null for a missing value)', rejectText: true };

function validateFeatures(values: Readonly<Record<string, unknown>>, source: FeatureSource, errors: FieldError[], warnings: FeatureWarning[]): FeatureValues {
  const features: FeatureValues = {};
  for (const spec of FEATURES) {
    const raw = values[spec.name];
    if (raw === undefined && source.absentReason !== null) {
      errors.push({ column: spec.name, reason: `${spec.name}: ${source.absentReason}` });
    } else if (typeof raw === 'string' && source.rejectText) {
      errors.push({ column: spec.name, reason: `${spec.name}: expected a number or null, got text (${quoteRaw(raw)})` });
    } else {
      const value = normalizeFeatureValue(spec, raw, errors, warnings);
      if (value !== undefined) features[spec.name] = value;
    }
  }
  return features;
}

/**
 * Validates one customer record (CSV names, values as numbers, numeric text or null) against the
 * feature schema. Columns other than CUST_ID and the 17 features are ignored.
 */
export function validateCustomer(record: CustomerRecord): CustomerValidation {
  const errors: FieldError[] = [];
  const warnings: FeatureWarning[] = [];
  const idProblem = customerIdProblem(record[ID_COLUMN]);
  if (idProblem !== null) errors.push({ column: ID_COLUMN, reason: idProblem });
  const features = validateFeatures(record, CSV_SOURCE, errors, warnings);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, customer: { customerId: record[ID_COLUMN] as string, features }, warnings };
}

// An instant with an explicit offset: a timestamp without one means a different moment per server.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** PostgreSQL's limit of a time zone offset, in hours. */
const MAX_OFFSET_HOURS = 15;
// Years 1 to 9999 in UTC too: PostgreSQL writes other years in forms (BC, five digits) that are no ISO-8601 instant.
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59Z');

/**
 * Whether `text` is an ISO-8601 instant with `Z` or an offset that PostgreSQL stores and writes back as one, as an
 * event's `occurredAt` must be. Date.parse alone rolls 30 February over into March and takes year 0 and offsets of
 * 16 hours or more, all of which PostgreSQL refuses: such a time would fail the whole batch that stores it.
 */
export function isIsoInstant(text: string): boolean {
  const match = ISO_INSTANT.exec(text);
  const instant = Date.parse(text);
  if (match === null || !(instant >= FIRST_INSTANT && instant <= LAST_INSTANT)) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return year >= 1 && day <= days && (match[4] === undefined || Number(match[4]) <= MAX_OFFSET_HOURS);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the JSON of a raw customer event `{ customerId, occurredAt, features: { BALANCE: …, … } }`.
 * Unknown fields are ignored; every feature must be present, as a number or `null` (= missing).
 */
export function validateRawCustomerEvent(json: unknown): RawCustomerEventValidation {
  if (!isPlainObject(json)) return { ok: false, errors: [{ column: null, reason: `event: expected a JSON object, got ${Array.isArray(json) ? 'an array' : String(json === null ? null : typeof json)}` }] };
  const errors: FieldError[] = [];
  const warnings: FeatureWarning[] = [];
  const idProblem = customerIdProblem(json.customerId, 'customerId');
  if (idProblem !== null) errors.push({ column: 'customerId', reason: idProblem });
  const occurredAt = json.occurredAt;
  if (typeof occurredAt !== 'string' || !isIsoInstant(occurredAt)) {
    const shown = typeof occurredAt === 'string' ? quoteRaw(occurredAt) : String(occurredAt);
    errors.push({ column: 'occurredAt', reason: `occurredAt: not an ISO-8601 instant with a time zone (${shown})` });
  }
  let features: FeatureValues = {};
  if (!isPlainObject(json.features)) {
    errors.push({ column: 'features', reason: 'features: expected an object of feature values by CSV name' });
  } else {
    features = validateFeatures(json.features, EVENT_SOURCE, errors, warnings);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, event: { customerId: json.customerId as string, occurredAt: occurredAt as string, features }, warnings };
}

/** Parses and validates the text of a raw customer event (a Kafka message value). */
export function parseRawCustomerEvent(text: string): RawCustomerEventValidation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ column: null, reason: `event: not valid JSON (${(error as Error).message})` }] };
  }
  return validateRawCustomerEvent(json);
}
