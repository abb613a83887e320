import type { Metrics } from './metrics';

/** What node-postgres' Pool tells about itself. */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options?: { readonly max?: number };
}

/**
 * The PostgreSQL connection pool, read at scrape time: connections busy and idle, the pool's size limit, and
 * queries waiting for a connection (a pool too small for the work, or connections held by something slow).
 */
export function dbPoolMetrics(metrics: Metrics, pool: () => PoolStats | null): void {
  metrics.gauge('seg_db_pool_connections', 'PostgreSQL connections of the pool, by state', ['state'], function collect() {
    this.reset();
    const stats = pool();
    if (stats === null) return;
    this.set({ state: 'idle' }, stats.idleCount);
    this.set({ state: 'busy' }, stats.totalCount - stats.idleCount);
  });
  metrics.gauge('seg_db_pool_max_connections', 'Size limit of the PostgreSQL pool', [], function collect() {
    const max = pool()?.options?.max;
    if (max !== undefined) this.set(max);
  });
  metrics.gauge('seg_db_pool_waiting_clients', 'Queries waiting for a free PostgreSQL connection', [], function collect() {
    this.set(pool()?.waitingCount ?? 0);
  });
}
