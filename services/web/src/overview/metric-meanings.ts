/** What each model metric says, in one line, and which direction is better. */
export const METRIC_MEANINGS: Record<string, { readonly label: string; readonly meaning: string }> = {
  silhouette: { label: 'Silhouette', meaning: 'How much closer customers are to their own segment than to the next one (−1 to 1; higher is better).' },
  daviesBouldin: { label: 'Davies–Bouldin', meaning: 'Average overlap between each segment and its most similar one (lower is better).' },
  calinskiHarabasz: { label: 'Calinski–Harabasz', meaning: 'Spread between segments relative to spread within them (higher is better).' },
  inertia: { label: 'Inertia', meaning: 'Total squared distance of customers to their segment centre, in scaled units (lower is tighter).' },
};

export interface MetricRow {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly meaning: string;
}

/** The known metrics of a model, in a fixed order; shares and technical counters are shown elsewhere. */
export function metricRows(metrics: unknown): MetricRow[] {
  if (typeof metrics !== 'object' || metrics === null) return [];
  const values = metrics as Record<string, unknown>;
  return Object.entries(METRIC_MEANINGS).flatMap(([key, { label, meaning }]) => {
    const value = values[key];
    return typeof value === 'number' ? [{ key, label, value, meaning }] : [];
  });
}
