import { metricValue } from '../testing';
import { BoundedLabel, Metrics, readWithin } from './metrics';
import { startMetricsServer } from './metrics-server';

describe(Metrics.name, () => {
  it('should hand back the same metric when asked for a name again, so two modules share it', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.counter('seg_test_total', 'a test counter', ['kind']).inc({ kind: 'a' }, 2);
    metrics.counter('seg_test_total', 'a test counter', ['kind']).inc({ kind: 'a' }, 3);

    expect(metricValue(await metrics.scrape(), 'seg_test_total', { kind: 'a' })).toBe(5);
  });

  it('should refuse a name already taken by a metric of another type', () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.gauge('seg_test_value', 'a test gauge');

    expect(() => metrics.counter('seg_test_value', 'a test counter')).toThrow('Metric seg_test_value exists as a gauge, not a counter');
  });

  it("should include Node's default metrics unless told not to", async () => {
    expect(await new Metrics().scrape()).toMatch(/^process_cpu_seconds_total /m);
    expect(await new Metrics({ defaultMetrics: false }).scrape()).not.toMatch(/process_cpu_seconds_total/);
  });
});

describe('Metrics.refreshOnScrape', () => {
  it('should read the source once per scrape and show what that read set in the same scrape', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const runs = metrics.counter('seg_test_runs_total', 'runs');
    const latest = metrics.gauge('seg_test_latest', 'latest');
    let reads = 0;
    metrics.refreshOnScrape([runs, latest], async () => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      runs.inc();
      latest.set(reads);
    });

    const first = await metrics.scrape();
    const second = await metrics.scrape();

    expect([metricValue(first, 'seg_test_runs_total'), metricValue(first, 'seg_test_latest')]).toEqual([1, 1]);
    expect([metricValue(second, 'seg_test_runs_total'), metricValue(second, 'seg_test_latest')]).toEqual([2, 2]);
    expect(reads).toBe(2);
  });
});

describe(readWithin.name, () => {
  it('should give the value, or null when the read fails or takes too long', async () => {
    expect(await readWithin(async () => 7)).toBe(7);
    expect(await readWithin(() => Promise.reject(new Error('down')))).toBeNull();
    expect(await readWithin(() => new Promise((resolve) => setTimeout(() => resolve(1), 200)), 20)).toBeNull();
  });
});

describe(BoundedLabel.name, () => {
  it('should keep the first distinct well-formed values and count every other one as other', () => {
    const label = new BoundedLabel(2);

    expect(['Segments', 'Customer', 'Segments', 'Third', '', null, 'bad name', 'x'.repeat(65)].map((v) => label.of(v))).toEqual([
      'Segments',
      'Customer',
      'Segments',
      'other',
      'anonymous',
      'anonymous',
      'other',
      'other',
    ]);
  });
});

describe(startMetricsServer.name, () => {
  it('should serve the exposition on GET /metrics and 404 anything else', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.gauge('seg_test_up', 'a test gauge').set(1);
    const server = await startMetricsServer(metrics, 0, '127.0.0.1');
    try {
      const ok = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      const other = await fetch(`http://127.0.0.1:${server.port}/graphql`);

      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(metricValue(await ok.text(), 'seg_test_up')).toBe(1);
      expect(other.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
