import type { ModelHealthQuery } from '../gql/graphql';

export type Health = NonNullable<ModelHealthQuery['modelHealth']>;
type FeatureDrift = Health['inflow']['features'][number];

export interface SignalRow {
  readonly key: string;
  readonly name: string;
  readonly status: string;
  /** What was judged, e.g. "8,950 recent events, worst PSI 0.31 (PURCHASES)". */
  readonly detail: string;
}

const count = (n: number) => Math.round(n).toLocaleString('en');
const psi = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(3));

/** Plain words for a drift status, for the light's label. */
export const STATUS_TEXT: Readonly<Record<string, string>> = {
  ok: 'ok',
  watch: 'watch',
  alert: 'alert',
  'insufficient-data': 'insufficient data',
  'no-reference': 'no reference',
};

function featureDetail(what: string, signal: Health['inflow']): string {
  const worst = signal.features.find((f) => f.psi !== null);
  return worst ? `${count(signal.count)} ${what}, worst PSI ${psi(worst.psi)} (${worst.feature})` : `${count(signal.count)} ${what}`;
}

/** One row per drift signal, in the order the panel lists them. */
export function signalRows(health: Health): SignalRow[] {
  const moved = [...health.centroids.clusters].sort((a, b) => (b.relative ?? -1) - (a.relative ?? -1))[0];
  return [
    { key: 'inflow', name: 'Recent events (feature PSI)', status: health.inflow.status, detail: featureDetail('recent events', health.inflow) },
    { key: 'population', name: 'All customers (feature PSI)', status: health.population.status, detail: featureDetail('customers', health.population) },
    { key: 'segmentShares', name: 'Segment shares', status: health.segmentShares.status, detail: `${count(health.segmentShares.count)} assignments, PSI ${psi(health.segmentShares.psi)}` },
    {
      key: 'centroids',
      name: 'Shadow centroids',
      status: health.centroids.status,
      detail: moved?.relative !== null && moved !== undefined
        ? `${count(health.centroids.seen)} events, largest move ${moved.relative?.toFixed(2)} × spread (${moved.segmentId ?? `cluster ${moved.cluster}`})`
        : `${count(health.centroids.seen)} events`,
    },
  ];
}

/** The features to draw: the most drifted of the recent events, or of all customers while the window is too small. */
export function mostDrifted(health: Health, limit = 3): { readonly source: 'inflow' | 'population'; readonly features: readonly FeatureDrift[] } {
  const source = health.inflow.features.some((f) => f.psi !== null) ? 'inflow' : 'population';
  return { source, features: health[source].features.filter((f) => f.psi !== null).slice(0, limit) };
}
