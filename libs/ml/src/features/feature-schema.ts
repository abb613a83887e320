/**
 * The one definition of a customer's features: the 17 numeric columns of the credit-card data,
 * in CSV-header order. Everything else (validation, the CSV parser, the model's feature order, the
 * GraphQL input) is derived from this list.
 */
export type FeatureUnit = 'currency' | 'ratio' | 'count' | 'months';

export interface FeatureSpec {
  /** Name exactly as in the CSV header and in raw Kafka events. */
  readonly name: string;
  /** camelCase name used by GraphQL and TypeScript objects. */
  readonly key: string;
  /** Its column in every service's table of customer features: the CSV name in lower case (MINIMUM_PAYMENTS → minimum_payments). */
  readonly column: string;
  readonly label: string;
  readonly unit: FeatureUnit;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly missingAllowed: boolean;
  /** Money and counts with a long right tail: log1p before scaling in the default pipeline. */
  readonly heavyTailed: boolean;
  /** Stored but not clustered by default (tenure describes the account, not behaviour). */
  readonly excludedByDefault: boolean;
}

// Money has no natural ceiling; this bound only catches unit mistakes (cents for dollars, 1e308).
const MAX_AMOUNT = 1e9;
const MAX_COUNT = 1e6;

const column = (name: string): string => name.toLowerCase();

const money = (name: string, key: string, label: string, heavyTailed: boolean, missingAllowed = false): FeatureSpec => ({
  name, key, column: column(name), label, unit: 'currency', min: 0, max: MAX_AMOUNT, integer: false, missingAllowed, heavyTailed, excludedByDefault: false,
});
const ratio = (name: string, key: string, label: string): FeatureSpec => ({
  name, key, column: column(name), label, unit: 'ratio', min: 0, max: 1, integer: false, missingAllowed: false, heavyTailed: false, excludedByDefault: false,
});
const count = (name: string, key: string, label: string): FeatureSpec => ({
  name, key, column: column(name), label, unit: 'count', min: 0, max: MAX_COUNT, integer: true, missingAllowed: false, heavyTailed: true, excludedByDefault: false,
});

export const FEATURES: readonly FeatureSpec[] = [
  money('BALANCE', 'balance', 'Balance', true),
  ratio('BALANCE_FREQUENCY', 'balanceFrequency', 'Balance update frequency'),
  money('PURCHASES', 'purchases', 'Purchases', true),
  money('ONEOFF_PURCHASES', 'oneoffPurchases', 'One-off purchases', true),
  money('INSTALLMENTS_PURCHASES', 'installmentsPurchases', 'Instalment purchases', true),
  money('CASH_ADVANCE', 'cashAdvance', 'Cash advance', true),
  ratio('PURCHASES_FREQUENCY', 'purchasesFrequency', 'Purchase frequency'),
  ratio('ONEOFF_PURCHASES_FREQUENCY', 'oneoffPurchasesFrequency', 'One-off purchase frequency'),
  ratio('PURCHASES_INSTALLMENTS_FREQUENCY', 'purchasesInstallmentsFrequency', 'Instalment purchase frequency'),
  ratio('CASH_ADVANCE_FREQUENCY', 'cashAdvanceFrequency', 'Cash advance frequency'),
  count('CASH_ADVANCE_TRX', 'cashAdvanceTrx', 'Cash advance transactions'),
  count('PURCHASES_TRX', 'purchasesTrx', 'Purchase transactions'),
  // One customer in the real data has no credit limit; it is imputed like MINIMUM_PAYMENTS.
  money('CREDIT_LIMIT', 'creditLimit', 'Credit limit', true, true),
  money('PAYMENTS', 'payments', 'Payments', true),
  money('MINIMUM_PAYMENTS', 'minimumPayments', 'Minimum payments', true, true),
  ratio('PRC_FULL_PAYMENT', 'prcFullPayment', 'Share of full payments'),
  {
    name: 'TENURE', key: 'tenure', column: column('TENURE'), label: 'Tenure', unit: 'months', min: 1, max: 600, integer: true,
    missingAllowed: false, heavyTailed: false, excludedByDefault: true,
  },
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((f) => f.name);
export const ID_COLUMN = 'CUST_ID';

const byName = new Map(FEATURES.map((f) => [f.name, f]));
const byKey = new Map(FEATURES.map((f) => [f.key, f]));

export function featureByName(name: string): FeatureSpec | undefined {
  return byName.get(name);
}

export function featureByKey(key: string): FeatureSpec | undefined {
  return byKey.get(key);
}

/** A customer's features by CSV name; `null` is a missing value. */
export type FeatureValues = Record<string, number | null>;

export interface CustomerFeatures {
  readonly customerId: string;
  readonly features: FeatureValues;
}
