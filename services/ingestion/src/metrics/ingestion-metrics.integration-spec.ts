import { waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { metricValue } from '@seg/observability/testing';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';
import { IngestionMetrics } from './ingestion.metrics';

jest.setTimeout(120_000);

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
// C10001 of the real data, in header order.
const VALUES = ['40.900749', '0.818182', '95.4', '0', '95.4', '0', '0.166667', '0', '0.083333', '0', '0', '2', '1000', '201.802084', '139.509787', '0', '12'];
const csv = (ids: readonly string[], bad: readonly string[] = []) =>
  [HEADER, ...ids.map((id) => [id, ...VALUES].join(',')), ...bad.map((id) => [id, 'lots', ...VALUES.slice(1)].join(','))].join('\n') + '\n';

describe(IngestionMetrics.name, () => {
  let service: IngestionTestApp;

  beforeAll(async () => {
    service = await startIngestionTestApp();
  });

  afterAll(() => service?.close());

  it('should move the row and outbox counters by the N rows of an upload, and count a repeat as unchanged, on GET /metrics', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `MET-${i}`);
    const labels = { source: 'csv' };

    expect((await service.postCsv(csv(ids, ['BAD-1', 'BAD-2']))).status).toBe(200);
    await waitFor(async () => metricValue(await service.scrapeMetrics(), 'seg_ingestion_outbox_published_total') === 25, 'the 25 events published');
    const first = await service.scrapeMetrics();
    expect((await service.postCsv(csv(ids))).status).toBe(200);
    const second = await service.scrapeMetrics();

    expect(metricValue(first, 'seg_ingestion_rows_read_total', labels)).toBe(27);
    expect(metricValue(first, 'seg_ingestion_rows_accepted_total', labels)).toBe(25);
    expect(metricValue(first, 'seg_ingestion_rows_rejected_total', labels)).toBe(2);
    expect(metricValue(first, 'seg_ingestion_rows_changed_total', labels)).toBe(25);
    expect(metricValue(first, 'seg_ingestion_outbox_backlog')).toBe(0);
    expect(metricValue(first, 'seg_ingestion_outbox_oldest_age_seconds')).toBe(0);
    expect(metricValue(second, 'seg_ingestion_rows_read_total', labels)).toBe(52);
    expect(metricValue(second, 'seg_ingestion_rows_unchanged_total', labels)).toBe(25);
    expect(metricValue(second, 'seg_ingestion_rows_changed_total', labels)).toBe(25);
    expect(metricValue(second, 'seg_ingestion_outbox_published_total')).toBe(25);
  });
});
