import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration, type Metric } from 'prom-client';

/** Seconds, from 5 ms to 1 min: request and batch durations. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Seconds, from 1 s to 2 h: re-score jobs and training stages. */
export const LONG_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1_200, 3_600, 7_200];
/** Records per batch, powers of 4 up to the largest batch a consumer takes (SCORING_KAFKA_BATCH_SIZE ≤ 50,000). */
export const BATCH_SIZE_BUCKETS = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536];

type Kind = 'counter' | 'gauge' | 'histogram';

/**
 * One process's metrics in Prometheus' model (prom-client): the default Node metrics (CPU, memory, event loop
 * lag, GC, handles) and the platform's own, all `seg_…`. Metrics are created on first use and found again by name,
 * so two modules asking for the same metric share it, and a gauge is added in a line:
 *
 *   metrics.gauge('seg_scoring_feature_psi', 'PSI of a feature against the champion\'s training bins', ['feature']).set({ feature }, psi);
 *
 * Never label by customer or by any value from outside the platform's own small sets (see BoundedLabel): every label
 * value is a series Prometheus keeps.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate('counter', name, () => new Counter<L>({ name, help, labelNames, registers: [this.registry] } as CounterConfiguration<L>));
  }

  /** `collect` runs at every scrape, e.g. to read a pool's size; it may be async (a bounded query). */
  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], collect?: GaugeConfiguration<L>['collect']): Gauge<L> {
    return this.getOrCreate('gauge', name, () => new Gauge<L>({ name, help, labelNames, collect, registers: [this.registry] } as GaugeConfiguration<L>));
  }

  histogram<L extends string = never>(name: string, help: string, buckets: readonly number[], labelNames: readonly L[] = []): Histogram<L> {
    return this.getOrCreate('histogram', name, () => new Histogram<L>({ name, help, labelNames, buckets: [...buckets], registers: [this.registry] } as HistogramConfiguration<L>));
  }

  /**
   * Metrics whose values come from one read at scrape time (a table, a job's row): `refresh` runs once per scrape and
   * every metric listed waits for it before it is written out. Make `refresh` bounded in time: the scrape waits.
   */
  refreshOnScrape(metrics: readonly Metric[], refresh: () => Promise<void>): void {
    let pending: Promise<void> | null = null;
    const shared = () => (pending ??= refresh().finally(() => (pending = null)));
    for (const metric of metrics) (metric as unknown as { collect?: () => Promise<void> }).collect = shared;
  }

  /** The exposition text, as `GET /metrics` serves it. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private getOrCreate<M extends Metric>(kind: Kind, name: string, create: () => M): M {
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) return create();
    const existingKind = (existing as unknown as { type?: string }).type;
    if (existingKind !== kind) throw new Error(`Metric ${name} exists as a ${existingKind}, not a ${kind}`);
    return existing as M;
  }
}

/** What `read` resolves to within `timeoutMs`, else null (also when it fails): a scrape never hangs on a slow database. */
export function readWithin<T>(read: () => Promise<T>, timeoutMs = 2_000): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  return Promise.race([read(), timeout])
    .catch(() => null)
    .finally(() => clearTimeout(timer));
}

/**
 * A label whose values come from outside (a GraphQL operation name a client chose): the first `limit` distinct
 * well-formed values are kept, anything else counts as `other`, so no client can grow the series without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly pattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  ) {}

  of(value: string | null | undefined, missing = 'anonymous'): string {
    if (value === null || value === undefined || value === '') return missing;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit || !this.pattern.test(value)) return 'other';
    this.seen.add(value);
    return value;
  }
}
