import { FEATURES, FEATURE_NAMES, type CustomerFeatures, type FeatureValues } from '../features/feature-schema';
import { createMatrix, createSharedMatrix, type Matrix } from '../matrix';
import { SeededRandom } from './random';

/** The latent behaviour groups the generator draws from (the four segments the model should find). */
export const SYNTHETIC_GROUPS = ['transactors', 'revolvers', 'low-activity', 'cash-advance'] as const;
export type SyntheticGroup = (typeof SYNTHETIC_GROUPS)[number];

// Share of each group, in SYNTHETIC_GROUPS order (cumulative thresholds are derived below).
const GROUP_SHARES = [0.25, 0.25, 0.3, 0.2];
// About 3.5 % of the real customers have no MINIMUM_PAYMENTS.
const MISSING_MINIMUM_PAYMENTS_RATE = 0.035;

const col = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<string, number>;

interface GroupProfile {
  readonly creditLimit: [median: number, sigma: number];
  readonly balance: [median: number, sigma: number];
  readonly balanceFrequency: [low: number, high: number];
  /** Chance of any purchase at all, then the amount when there is. */
  readonly purchasing: number;
  readonly purchases: [median: number, sigma: number];
  readonly purchasesFrequency: [low: number, high: number];
  readonly cashAdvancing: number;
  readonly cashAdvance: [median: number, sigma: number];
  readonly cashAdvanceFrequency: [low: number, high: number];
  /** Chance of ever paying in full, then the share when they do. */
  readonly payingInFull: number;
  readonly prcFullPayment: [low: number, high: number];
}

const PROFILES: Record<SyntheticGroup, GroupProfile> = {
  transactors: {
    creditLimit: [6500, 0.5], balance: [350, 1.0], balanceFrequency: [0.6, 1],
    purchasing: 1, purchases: [2600, 0.7], purchasesFrequency: [0.65, 1],
    cashAdvancing: 0.1, cashAdvance: [150, 0.8], cashAdvanceFrequency: [0.05, 0.15],
    payingInFull: 0.9, prcFullPayment: [0.5, 1],
  },
  revolvers: {
    creditLimit: [5000, 0.45], balance: [3000, 0.5], balanceFrequency: [0.9, 1],
    purchasing: 0.85, purchases: [700, 0.8], purchasesFrequency: [0.2, 0.8],
    cashAdvancing: 0.25, cashAdvance: [300, 0.8], cashAdvanceFrequency: [0.05, 0.2],
    payingInFull: 0.15, prcFullPayment: [0, 0.2],
  },
  'low-activity': {
    creditLimit: [2200, 0.5], balance: [90, 1.1], balanceFrequency: [0.1, 0.8],
    purchasing: 0.45, purchases: [180, 0.9], purchasesFrequency: [0.05, 0.3],
    cashAdvancing: 0.1, cashAdvance: [120, 0.8], cashAdvanceFrequency: [0.05, 0.15],
    payingInFull: 0.4, prcFullPayment: [0, 1],
  },
  'cash-advance': {
    creditLimit: [4500, 0.5], balance: [2600, 0.6], balanceFrequency: [0.8, 1],
    purchasing: 0.4, purchases: [300, 0.9], purchasesFrequency: [0.05, 0.4],
    cashAdvancing: 1, cashAdvance: [2500, 0.7], cashAdvanceFrequency: [0.2, 0.8],
    payingInFull: 0.05, prcFullPayment: [0, 0.15],
  },
};

/**
 * Seeded, row-by-row generator of realistic customers in the 17-feature schema (NaN = missing), so a
 * million rows can be streamed to a file or written straight into a matrix without ever existing as
 * objects. Values respect every range of the feature schema; money is rounded to cents and ratios to
 * 6 decimals, as in the real data, so a value written with `String(v)` reads back as the same double.
 */
export class SyntheticCustomerGenerator {
  private readonly random: SeededRandom;
  private generated = 0;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  /** The next customer's id (`S0000001`, …) for the row most recently written. */
  get customerId(): string {
    return `S${String(this.generated).padStart(7, '0')}`;
  }

  /** Writes the next customer's 17 values into `out` at `offset` and returns its latent group. */
  nextInto(out: Float64Array, offset = 0): SyntheticGroup {
    const r = this.random;
    const group = this.pickGroup();
    const p = PROFILES[group];
    const tenure = r.next() < 0.85 ? 12 : 6 + r.int(6);
    const creditLimit = money(Math.max(300, r.logNormal(...p.creditLimit)));
    const balance = money(Math.min(r.logNormal(...p.balance), creditLimit * 1.3));

    const purchases = r.next() < p.purchasing ? money(r.logNormal(...p.purchases)) : 0;
    const oneoff = money(purchases * r.next());
    const installments = money(purchases - oneoff);
    const purchasesFrequency = purchases > 0 ? monthly(r.uniform(...p.purchasesFrequency), tenure) : 0;
    const oneoffFrequency = oneoff > 0 ? monthly(purchasesFrequency * r.uniform(0.2, 1), tenure) : 0;
    const installmentsFrequency = installments > 0 ? monthly(purchasesFrequency * r.uniform(0.2, 1), tenure) : 0;
    const purchasesTrx = purchases > 0 ? Math.max(1, Math.round(purchasesFrequency * tenure * r.logNormal(2, 0.6))) : 0;

    const cashAdvance = r.next() < p.cashAdvancing ? money(r.logNormal(...p.cashAdvance)) : 0;
    const cashAdvanceFrequency = cashAdvance > 0 ? monthly(r.uniform(...p.cashAdvanceFrequency), tenure) : 0;
    const cashAdvanceTrx = cashAdvance > 0 ? Math.max(1, Math.round(cashAdvanceFrequency * tenure * r.logNormal(1.5, 0.5))) : 0;

    const paidBase = purchases + 0.8 * cashAdvance + 0.3 * balance;
    const payments = r.next() < 0.03 ? 0 : money(paidBase * r.logNormal(1, 0.5));
    const minimumPayments = r.next() < MISSING_MINIMUM_PAYMENTS_RATE ? Number.NaN : money(r.logNormal(0.1 * balance + 60, 0.7));
    const prcFullPayment = r.next() < p.payingInFull ? ratio(r.uniform(...p.prcFullPayment)) : 0;

    out[offset + col.BALANCE] = balance;
    out[offset + col.BALANCE_FREQUENCY] = balance > 0 ? ratio(r.uniform(...p.balanceFrequency)) : 0;
    out[offset + col.PURCHASES] = money(oneoff + installments);
    out[offset + col.ONEOFF_PURCHASES] = oneoff;
    out[offset + col.INSTALLMENTS_PURCHASES] = installments;
    out[offset + col.CASH_ADVANCE] = cashAdvance;
    out[offset + col.PURCHASES_FREQUENCY] = purchasesFrequency;
    out[offset + col.ONEOFF_PURCHASES_FREQUENCY] = oneoffFrequency;
    out[offset + col.PURCHASES_INSTALLMENTS_FREQUENCY] = installmentsFrequency;
    out[offset + col.CASH_ADVANCE_FREQUENCY] = cashAdvanceFrequency;
    out[offset + col.CASH_ADVANCE_TRX] = cashAdvanceTrx;
    out[offset + col.PURCHASES_TRX] = purchasesTrx;
    out[offset + col.CREDIT_LIMIT] = creditLimit;
    out[offset + col.PAYMENTS] = payments;
    out[offset + col.MINIMUM_PAYMENTS] = minimumPayments;
    out[offset + col.PRC_FULL_PAYMENT] = prcFullPayment;
    out[offset + col.TENURE] = tenure;
    clampToSchema(out, offset);
    this.generated++;
    return group;
  }

  private pickGroup(): SyntheticGroup {
    let u = this.random.next();
    for (let g = 0; g < GROUP_SHARES.length - 1; g++) {
      if (u < GROUP_SHARES[g]) return SYNTHETIC_GROUPS[g];
      u -= GROUP_SHARES[g];
    }
    return SYNTHETIC_GROUPS[GROUP_SHARES.length - 1];
  }
}

/** Streams `rows` customers as objects, one at a time (feature values by CSV name, `null` = missing). */
export function* syntheticCustomers(rows: number, seed: number): Generator<CustomerFeatures & { group: SyntheticGroup }> {
  const generator = new SyntheticCustomerGenerator(seed);
  const values = new Float64Array(FEATURES.length);
  for (let i = 0; i < rows; i++) {
    const group = generator.nextInto(values);
    const features: FeatureValues = {};
    FEATURE_NAMES.forEach((name, j) => (features[name] = Number.isNaN(values[j]) ? null : values[j]));
    yield { customerId: generator.customerId, features, group };
  }
}

/** `rows` customers straight into a raw 17-column matrix (shared storage on request, for worker threads). */
export function syntheticMatrix(rows: number, seed: number, options: { shared?: boolean } = {}): { matrix: Matrix; groups: Uint8Array } {
  const matrix = options.shared ? createSharedMatrix(rows, FEATURES.length) : createMatrix(rows, FEATURES.length);
  const groups = new Uint8Array(rows);
  const generator = new SyntheticCustomerGenerator(seed);
  for (let i = 0; i < rows; i++) {
    groups[i] = SYNTHETIC_GROUPS.indexOf(generator.nextInto(matrix.data, i * FEATURES.length));
  }
  return { matrix, groups };
}

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

function ratio(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1e6) / 1e6;
}

/** A share of the months in tenure, as the real data's frequencies are (k / tenure, at least one month). */
function monthly(share: number, tenure: number): number {
  return ratio(Math.max(1, Math.round(share * tenure)) / tenure);
}

function clampToSchema(out: Float64Array, offset: number): void {
  FEATURES.forEach((f, j) => {
    const v = out[offset + j];
    if (!Number.isNaN(v)) out[offset + j] = Math.min(f.max, Math.max(f.min, v));
  });
}
