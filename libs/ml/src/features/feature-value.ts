import type { FeatureSpec } from './feature-schema';
import { storableText, truncateText } from '../text/storable-text';
import { CharCode } from './char-codes';

/** A problem tied to one column of one record; `column` is null when it concerns the whole record. */
export interface FieldError {
  readonly column: string | null;
  readonly reason: string;
}

/** A value that was accepted only after a documented correction (never a silent one). */
export interface FeatureWarning {
  readonly kind: 'clamped';
  readonly column: string;
  readonly originalValue: number;
  readonly value: number;
  readonly reason: string;
}

/**
 * Ratios slightly above 1 are an artefact of how the source counted (8 customers of the real data have
 * CASH_ADVANCE_FREQUENCY between 1 and 1.5). Product decision: keep every customer, change nothing
 * silently — a ratio in (1, 1.5] is clamped to 1 and reported as a warning; above 1.5 is an error.
 * This is the only place the rule lives.
 */
export const RATIO_CLAMP_LIMIT = 1.5;

const MAX_SHOWN_TEXT = 40;

/** Quotes a raw value for a message, cut short so one absurd cell cannot flood a report, and storable (see storableText). */
export function quoteRaw(text: string): string {
  return text.length > MAX_SHOWN_TEXT ? `'${storableText(truncateText(text, MAX_SHOWN_TEXT))}…'` : `'${storableText(text)}'`;
}


// Every power of ten up to 1e15 is exact in a double.
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX_FAST_DIGITS = 15;

/**
 * The decimal number written in `text[start, end)`, or NaN when it is not one, without cutting a
 * substring. Up to 15 digits the value is the digits as an integer divided once by an exact power of
 * ten, which IEEE 754 rounds correctly (Clinger's fast path): the very double `Number()` gives. Longer
 * numbers and exponents fall back to `Number()`. No regex: this runs for every cell of a file.
 */
export function parseDecimalAt(text: string, start: number, end: number): number {
  let i = start;
  const sign = text.charCodeAt(i);
  if (sign === CharCode.MINUS || sign === CharCode.PLUS) i++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= CharCode.DIGIT_0 && c <= CharCode.DIGIT_9) {
      mantissa = mantissa * 10 + (c - CharCode.DIGIT_0);
      digits++;
      if (dot) fractionDigits++;
    } else if (c === CharCode.DOT && !dot) {
      dot = true;
    } else {
      return parseDecimalSlow(text, start, end);
    }
  }
  if (digits === 0) return NaN;
  if (digits > MAX_FAST_DIGITS) return parseDecimalSlow(text, start, end);
  const value = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits];
  return sign === CharCode.MINUS ? -value : value;
}

/** `Number()` accepts "0x1A", "0b1" and "Infinity" too; a CSV export never means those. */
function parseDecimalSlow(text: string, start: number, end: number): number {
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= CharCode.DIGIT_0 && c <= CharCode.DIGIT_9) digits++;
    else if (c !== CharCode.DOT && c !== CharCode.MINUS && c !== CharCode.PLUS && c !== CharCode.UPPER_E && c !== CharCode.LOWER_E && c !== CharCode.SPACE && c !== CharCode.TAB) return NaN;
  }
  return digits === 0 ? NaN : Number(text.slice(start, end));
}

/** A decimal number as written in a CSV export (surrounding blanks allowed), or NaN. */
export function parseDecimal(text: string): number {
  return parseDecimalAt(text, 0, text.length);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== CharCode.SPACE && c !== CharCode.TAB) return false;
  }
  return true;
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return quoteRaw(raw);
  if (Array.isArray(raw)) return 'an array';
  return typeof raw === 'object' ? 'an object' : String(raw);
}

/**
 * Normalises one feature value: `null`, `undefined` and blank text are missing; text must be a decimal
 * number. Returns the accepted value (`null` = missing), or `undefined` after pushing an error.
 * Warnings and errors are pushed to the caller's arrays so a valid value allocates nothing.
 */
export function normalizeFeatureValue(
  spec: FeatureSpec,
  raw: unknown,
  errors: FieldError[],
  warnings: FeatureWarning[],
): number | null | undefined {
  const column = spec.name;
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (raw === null || raw === undefined || (typeof raw === 'string' && isBlank(raw))) {
    if (spec.missingAllowed) return null;
    errors.push({ column, reason: `${column}: missing value not allowed` });
    return undefined;
  } else if (typeof raw === 'string') {
    value = parseDecimal(raw);
    if (Number.isNaN(value)) {
      errors.push({ column, reason: `${column}: not a number (${quoteRaw(raw)})` });
      return undefined;
    }
  } else {
    errors.push({ column, reason: `${column}: not a number (${describe(raw)})` });
    return undefined;
  }
  if (!Number.isFinite(value)) {
    errors.push({ column, reason: `${column}: not a finite number (${value})` });
    return undefined;
  }
  if (spec.integer && !Number.isInteger(value)) {
    const unit = spec.unit === 'months' ? 'a whole number of months' : 'a whole number';
    errors.push({ column, reason: `${column}: must be ${unit} (${value})` });
    return undefined;
  }
  if (value < spec.min) {
    errors.push({ column, reason: `${column}: ${value} is below the minimum ${spec.min}` });
    return undefined;
  }
  if (value > spec.max) {
    if (spec.unit === 'ratio' && value <= RATIO_CLAMP_LIMIT) {
      warnings.push({
        kind: 'clamped',
        column,
        originalValue: value,
        value: spec.max,
        reason: `${column}: ${value} is above the maximum ${spec.max}; clamped to ${spec.max} (source artefact, tolerated up to ${RATIO_CLAMP_LIMIT})`,
      });
      return spec.max;
    }
    errors.push({ column, reason: `${column}: ${value} is above the maximum ${spec.max}` });
    return undefined;
  }
  return value;
}
