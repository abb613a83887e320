/** The stable semantic segment ids: offers and history are keyed by these, never by cluster number. */
export const SEGMENT_IDS = ['transactors', 'revolvers', 'low-activity', 'cash-advance'] as const;
export type SegmentId = (typeof SEGMENT_IDS)[number];

export interface SegmentDefinition {
  readonly id: SegmentId;
  readonly label: string;
  readonly description: string;
  /**
   * What the segment looks like against the population: feature (CSV name) → weight. Positive means
   * "higher than the population", negative "lower"; the size says how much the feature matters.
   */
  readonly archetype: Readonly<Record<string, number>>;
}

export const SEGMENT_DEFINITIONS: readonly SegmentDefinition[] = [
  {
    id: 'transactors',
    label: 'Active transactors',
    description: 'Buy often and pay their balance in full, rarely taking cash advances.',
    archetype: { PURCHASES: 1, PURCHASES_FREQUENCY: 1, PRC_FULL_PAYMENT: 2, CASH_ADVANCE: -1 },
  },
  {
    id: 'revolvers',
    label: 'Revolvers',
    // On the real data this is the largest cluster and, against the population, its most visible trait is
    // buying (one-off and in instalments), which made it look like "instalment buyers"; but transactors buy
    // in instalments even more. What sets it apart from them is the balance it carries (median 12× theirs)
    // and almost never paying in full; from the cash-advance segment, buying rather than drawing cash.
    description: 'Buy regularly, one-off and in instalments, but carry the balance from month to month and rarely pay it in full; little cash advance.',
    archetype: { BALANCE: 2, MINIMUM_PAYMENTS: 1, PRC_FULL_PAYMENT: -1, CASH_ADVANCE_FREQUENCY: -1 },
  },
  {
    id: 'low-activity',
    label: 'Low activity',
    description: 'Keep little balance and spend little: the card is mostly idle.',
    archetype: { BALANCE: -1, PURCHASES: -1, PURCHASES_FREQUENCY: -1, PAYMENTS: -1 },
  },
  {
    id: 'cash-advance',
    label: 'Cash advance / high risk',
    description: 'Use the card for cash advances rather than purchases, and carry the highest balances and minimum payments: the riskiest accounts.',
    archetype: { CASH_ADVANCE: 2, CASH_ADVANCE_FREQUENCY: 1, CASH_ADVANCE_TRX: 1 },
  },
];

export function isSegmentId(value: unknown): value is SegmentId {
  return typeof value === 'string' && (SEGMENT_IDS as readonly string[]).includes(value);
}

export function segmentDefinition(id: SegmentId): SegmentDefinition {
  return SEGMENT_DEFINITIONS.find((d) => d.id === id) as SegmentDefinition;
}
