import type { CustomerFeaturesInput } from '../gql/graphql';
import schema from './feature-schema.json';

export type FeatureKey = keyof CustomerFeaturesInput & string;

export interface FeatureField {
  readonly name: string;
  readonly key: FeatureKey;
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly missingAllowed: boolean;
}

export const FEATURE_FIELDS = schema as readonly FeatureField[];

const UNIT_TEXT: Record<string, string> = { currency: 'amount', ratio: 'share, 0 to 1', count: 'count', months: 'months' };

export function unitText(field: FeatureField): string {
  return UNIT_TEXT[field.unit] ?? field.unit;
}

/** The form's sections, in the order a banker reads a statement. */
export const FEATURE_GROUPS: readonly { readonly title: string; readonly keys: readonly FeatureKey[] }[] = [
  { title: 'Balances', keys: ['balance', 'creditLimit'] },
  { title: 'Purchases', keys: ['purchases', 'oneoffPurchases', 'installmentsPurchases', 'purchasesTrx'] },
  { title: 'Cash advance', keys: ['cashAdvance', 'cashAdvanceTrx'] },
  { title: 'Frequencies', keys: ['balanceFrequency', 'purchasesFrequency', 'oneoffPurchasesFrequency', 'purchasesInstallmentsFrequency', 'cashAdvanceFrequency'] },
  { title: 'Payments', keys: ['payments', 'minimumPayments', 'prcFullPayment'] },
  { title: 'Account', keys: ['tenure'] },
];

const byKey = new Map(FEATURE_FIELDS.map((f) => [f.key, f]));

export function featureField(key: FeatureKey): FeatureField {
  const field = byKey.get(key);
  if (!field) throw new Error(`Unknown feature ${key}: regenerate feature-schema.json (npm run web:codegen).`);
  return field;
}

export type FieldCheck = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly error: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Checks what the user typed, as the server will: a number in range, a whole one for counts and months. */
export function checkFeature(field: FeatureField, text: string): FieldCheck {
  const trimmed = text.trim();
  if (trimmed === '') return field.missingAllowed ? { ok: true, value: null } : { ok: false, error: 'Required.' };
  if (!NUMBER.test(trimmed)) return { ok: false, error: 'Not a number.' };
  const value = Number(trimmed);
  if (value < field.min || value > field.max) return { ok: false, error: `Out of range: ${field.min} to ${field.max.toLocaleString('en')}.` };
  if (field.integer && !Number.isInteger(value)) return { ok: false, error: 'Must be a whole number.' };
  return { ok: true, value };
}

export type FeatureTexts = Readonly<Record<FeatureKey, string>>;

export function emptyFeatureTexts(): FeatureTexts {
  return Object.fromEntries(FEATURE_FIELDS.map((f) => [f.key, ''])) as FeatureTexts;
}

/** The input for predictSegment, or null while any field is invalid. */
export function featuresInput(texts: FeatureTexts): CustomerFeaturesInput | null {
  const input: CustomerFeaturesInput = {};
  for (const field of FEATURE_FIELDS) {
    const check = checkFeature(field, texts[field.key]);
    if (!check.ok) return null;
    input[field.key] = check.value;
  }
  return input;
}

/** Texts for the form from a server's features (generated customer, lookup). */
export function featureTexts(features: Partial<Record<FeatureKey, number | null>>): FeatureTexts {
  return Object.fromEntries(FEATURE_FIELDS.map((f) => {
    const value = features[f.key];
    return [f.key, value === null || value === undefined ? '' : String(Math.round(value * 10_000) / 10_000)];
  })) as FeatureTexts;
}

const byName = new Map(FEATURE_FIELDS.map((f) => [f.name, f]));

/** The field of a CSV name (profiles and explanations use those), or undefined for one the schema lacks. */
export function featureFieldByName(name: string): FeatureField | undefined {
  return byName.get(name);
}

/** A value as a person reads it: amounts rounded to whole units, ratios as percentages, months spelt out. */
export function formatFeatureValue(field: FeatureField, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'missing';
  switch (field.unit) {
    case 'ratio': return `${Math.round(value * 100)} %`;
    case 'months': return `${value.toLocaleString('en', { maximumFractionDigits: 1 })} months`;
    case 'count': return value.toLocaleString('en', { maximumFractionDigits: 1 });
    default: return value.toLocaleString('en', { maximumFractionDigits: 0 });
  }
}
