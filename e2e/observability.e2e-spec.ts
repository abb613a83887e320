import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { waitFor } from '@seg/kafka/testing';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@seg/observability/testing';
import { rawEvents } from './support/events';
import { ARTIFACTS, IsolatedPlatform, type ServiceName } from '@seg/platform-client/testing';
import { ThrowawayPrometheus } from './support/prometheus';

jest.setTimeout(300_000);

const SERVICES: readonly ServiceName[] = ['gateway', 'ingestion', 'training', 'scoring', 'offers'];
const SPAN_KIND = { server: 2, client: 3, consumer: 5 } as const;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const isQuery = (span: ReceivedSpan) => (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'postgresql';

/**
 * The platform as an operator runs it: a real Prometheus scraping every service, traces exported over OTLP by the
 * services' own SDK (to an in-test receiver: no trace backend is installed), JSON logs in the services' log files.
 */
describe('the platform, observed', () => {
  let receiver: OtlpReceiver;
  let platform: IsolatedPlatform;
  let prometheus: ThrowawayPrometheus;

  const spansOf = (traceId: string) => receiver.spans().filter((span) => span.traceId === traceId);
  const logLines = (service: ServiceName) =>
    readFileSync(join(ARTIFACTS, 'logs', `${platform.id}-${service}.log`), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    platform = new IsolatedPlatform({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_TRACES_SAMPLER: 'parentbased_always_on',
        // Spans leave every 200 ms instead of 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
    });
    await platform.start();
    prometheus = await ThrowawayPrometheus.start(new Map(SERVICES.map((service) => [service, platform.metricsPorts.get(service) as number])));
  }, 600_000);

  afterAll(async () => {
    await prometheus?.stop();
    await platform?.stop();
    await receiver?.close();
  });

  it('should be scraped by Prometheus on every service, up == 1, with the alert rules loaded', async () => {
    await waitFor(async () => (await prometheus.query('up == 1')).length === SERVICES.length, 'every target up', 30_000);
    const up = await prometheus.query('up');

    expect(Object.fromEntries(up.map((sample) => [sample.metric.job, sample.value[1]]))).toEqual(Object.fromEntries(SERVICES.map((service) => [service, '1'])));
    expect((await prometheus.query('count by (job) (process_cpu_seconds_total)')).map((sample) => sample.metric.job).sort()).toEqual([...SERVICES].sort());
    expect(await prometheus.ruleNames()).toEqual(expect.arrayContaining(['SegmentationConsumerLagGrowing', 'SegmentationGatewayErrors', 'SegmentationTrainingFailed']));
  });

  it("should carry the caller's trace id from the gateway through a subgraph to PostgreSQL", async () => {
    const [traceId, callerSpan] = [hex(16), hex(8)];
    const token = await platform.flow.token('viewer');
    const response = await fetch(platform.url('gateway'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${callerSpan}-01` },
      body: JSON.stringify({ query: 'query Offers { offers { title } }', operationName: 'Offers' }),
    });
    expect(response.status).toBe(200);

    // Each process exports on its own schedule: wait for the spans of both.
    await waitFor(() => spansOf(traceId).some((span) => span.service === 'offers' && isQuery(span)), 'the PostgreSQL span of offers', 20_000);
    await waitFor(() => spansOf(traceId).some((span) => span.service === 'gateway' && span.kind === SPAN_KIND.server), 'the server span of the gateway', 20_000);
    const spans = spansOf(traceId);
    const gatewayServer = spans.find((span) => span.service === 'gateway' && span.kind === SPAN_KIND.server) as ReceivedSpan;
    const offersServer = spans.find((span) => span.service === 'offers' && span.kind === SPAN_KIND.server) as ReceivedSpan;
    const gatewayCall = spans.find((span) => span.spanId === offersServer?.parentSpanId) as ReceivedSpan;
    const query = spans.find((span) => span.service === 'offers' && isQuery(span)) as ReceivedSpan;

    expect(gatewayServer.parentSpanId).toBe(callerSpan);
    expect(gatewayCall).toMatchObject({ service: 'gateway', kind: SPAN_KIND.client });
    expect(query.kind).toBe(SPAN_KIND.client);
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['gateway', 'offers']));
    // The request's log line carries the trace id and the request id.
    await waitFor(() => logLines('gateway').some((line) => line.traceId === traceId), 'the gateway log line of the request', 10_000);
    expect(logLines('gateway').find((line) => line.traceId === traceId)).toMatchObject({ service: 'gateway', level: 'info', msg: 'request', requestId: expect.any(String), operationName: 'Offers' });
  });

  it("should continue a producer's trace in the consumer's batch span, linked to the record, down to its queries", async () => {
    const [traceId, producerSpan] = [hex(16), hex(8)];
    const producer = new KafkaProducer(platform.kafka());
    try {
      const [event] = rawEvents('TRACE', 1, 31);
      await producer.send(platform.topic(Topics.customersRaw), [{ ...event, headers: { traceparent: `00-${traceId}-${producerSpan}-01` } }]);
    } finally {
      await producer.disconnect();
    }

    const consumerSpanName = `process ${platform.topic(Topics.customersRaw)}`;
    await waitFor(() => spansOf(traceId).some((span) => span.name === consumerSpanName), 'the batch span of ingestion', 20_000);
    const batch = spansOf(traceId).find((span) => span.name === consumerSpanName) as ReceivedSpan;
    await waitFor(() => spansOf(traceId).some((span) => span.parentSpanId === batch.spanId && isQuery(span)), 'its queries', 10_000);

    expect(batch).toMatchObject({ service: 'ingestion', kind: SPAN_KIND.consumer, parentSpanId: producerSpan, links: [{ traceId, spanId: producerSpan }] });
    expect(batch.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.batch.message_count': 1, 'messaging.consumer.group.name': `e2e-${platform.id}-ingestion` });
  });

  it('should write JSON log lines with service and level, and never a token or the subgraph secret', async () => {
    const token = await platform.flow.token('admin');
    const forged = `${token.slice(0, -8)}AAAAAAAA`;
    for (const bearer of [token, forged]) {
      await fetch(platform.url('gateway'), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: '{"query":"{ offers { title } }"}' });
    }
    await waitFor(() => logLines('gateway').some((line) => line.refused === 'UNAUTHENTICATED'), 'the refusal logged', 10_000);

    for (const service of SERVICES) {
      const text = readFileSync(join(ARTIFACTS, 'logs', `${platform.id}-${service}.log`), 'utf8');
      const lines = logLines(service);
      expect({ service, jsonLines: lines.length > 0 }).toEqual({ service, jsonLines: true });
      expect(lines.every((line) => line.service === service && typeof line.level === 'string' && typeof line.time === 'string')).toBe(true);
      expect(text).not.toContain(token);
      expect(text).not.toContain(forged);
      expect(text).not.toContain(platform.environment.GATEWAY_SUBGRAPH_SECRET as string);
    }
  });
});
