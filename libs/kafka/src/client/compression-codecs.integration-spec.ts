import { provisionTopics } from '../admin/provision-topics';
import { deleteTopics } from '../admin/topic-admin';
import { BatchConsumer } from '../consumer/batch-consumer';
import { KAFKA_CODECS, produceWithJavaClient, recordingKafkaLogger, testKafkaConfig, testTopicSpecs, uniqueSuffix, waitFor } from '../testing';
import { createKafkaClient } from './kafka-client';

jest.setTimeout(120_000);

const RECORDS_PER_CODEC = 25;

describe('compression codecs', () => {
  const client = createKafkaClient(testKafkaConfig(), recordingKafkaLogger());
  const suffix = uniqueSuffix();
  const specs = testTopicSpecs(`it.codecs.${suffix}.events.v1`, 1);
  const topic = specs[0].name;
  let consumer: BatchConsumer<{ codec: string; i: number }> | undefined;

  beforeAll(() => provisionTopics(client, specs));
  afterAll(async () => {
    await consumer?.stop();
    await deleteTopics(client, specs.map((s) => s.name));
  });

  it('should hand every record to the handler, in order, when the Java producer sent them with each codec of the protocol', async () => {
    const sent = KAFKA_CODECS.map((codec) => Array.from({ length: RECORDS_PER_CODEC }, (_, i) => ({ key: `${codec}-${i}`, value: JSON.stringify({ codec, i, pad: 'x'.repeat(200) }) })));
    // One JVM per codec, at once: the codecs' batches interleave in the partition, each codec's records in order.
    await Promise.all(KAFKA_CODECS.map((codec, c) => produceWithJavaClient(topic, sent[c], codec)));
    const expected = sent.flat().map((r) => r.key);
    const received: string[] = [];

    consumer = new BatchConsumer(client, {
      groupId: `it-codecs-${suffix}`,
      topics: topic,
      fromBeginning: true,
      handler: async (records) => void received.push(...records.map((r) => `${r.value.codec}-${r.value.i}`)),
    });
    await consumer.start();
    await waitFor(() => received.length >= expected.length, `${expected.length} records`, 30_000);

    expect([...received].sort()).toEqual([...expected].sort());
    for (const codec of KAFKA_CODECS) expect(received.filter((key) => key.startsWith(`${codec}-`))).toEqual(expected.filter((key) => key.startsWith(`${codec}-`)));
    expect(consumer.progress()).toMatchObject({ handledRecords: expected.length, deadLetteredRecords: 0, stall: null });
    expect(consumer.health()).toMatchObject({ ready: true, live: true });
  });
});
