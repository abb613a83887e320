import type { TopicSpec } from '@seg/contracts';
import { recordingKafkaLogger, testKafkaConfig, uniqueSuffix } from '../testing';
import { createKafkaClient } from '../client/kafka-client';
import { provisionTopics } from './provision-topics';
import { KafkaProducer } from '../producer/kafka-producer';
import { deleteTopics, describeTopics, listTopics, topicRecordCount } from './topic-admin';

// The integration project's testTimeout is not applied by jest 30 to project entries; set it here.
jest.setTimeout(60_000);

describe(provisionTopics.name, () => {
  const client = createKafkaClient(testKafkaConfig(), recordingKafkaLogger());
  let created: string[] = [];

  const specsFor = (suffix: string): TopicSpec[] => [
    { name: `it.provision.${suffix}.events.v1`, partitions: 3, replicationFactor: 1, cleanupPolicy: 'delete', retentionMs: 3_600_000, description: 'events' },
    { name: `it.provision.${suffix}.latest.v1`, partitions: 3, replicationFactor: 1, cleanupPolicy: 'compact', retentionMs: -1, description: 'latest' },
    { name: `it.provision.${suffix}.models.v1`, partitions: 1, replicationFactor: 1, cleanupPolicy: 'compact', retentionMs: -1, description: 'models' },
  ];

  afterEach(async () => {
    await deleteTopics(client, created);
    created = [];
  });

  it('should create missing topics, then report all existing without changes when run twice', async () => {
    const specs = specsFor(uniqueSuffix());
    created = specs.map((s) => s.name);

    const first = await provisionTopics(client, specs);
    const second = await provisionTopics(client, specs);

    expect(first.map((r) => [r.topic, r.status, r.partitions, r.mismatches])).toEqual(specs.map((s) => [s.name, 'created', s.partitions, []]));
    expect(second.map((r) => [r.topic, r.status, r.partitions, r.mismatches])).toEqual(specs.map((s) => [s.name, 'existing', s.partitions, []]));
    const described = await describeTopics(client, created);
    expect(described.map((d) => [d.name, d.partitions, d.config['cleanup.policy'], d.config['retention.ms']])).toEqual([
      [specs[0].name, 3, 'delete', '3600000'],
      [specs[1].name, 3, 'compact', '-1'],
      [specs[2].name, 1, 'compact', '-1'],
    ]);
  });

  it('should add partitions when an existing topic has fewer than declared, and leave other topics alone', async () => {
    const [events, latest] = specsFor(uniqueSuffix());
    created = [events.name, latest.name];
    await provisionTopics(client, [{ ...events, partitions: 1 }, latest]);

    const results = await provisionTopics(client, [events, latest]);

    expect(results.map((r) => [r.status, r.partitions])).toEqual([
      ['partitions-added', 3],
      ['existing', 3],
    ]);
    expect((await describeTopics(client, [events.name])).map((d) => d.partitions)).toEqual([3]);
  });

  it('should report a config mismatch without altering the topic when an existing topic differs', async () => {
    const [events] = specsFor(uniqueSuffix());
    created = [events.name];
    await provisionTopics(client, [events]);

    const [result] = await provisionTopics(client, [{ ...events, cleanupPolicy: 'compact', retentionMs: 60_000, partitions: 2 }]);

    expect(result.status).toBe('existing');
    expect(result.mismatches).toEqual([
      'cleanup.policy is "delete", declared "compact"',
      'retention.ms is "3600000", declared "60000"',
      'has 3 partitions, declared 2 (Kafka cannot remove partitions)',
    ]);
    const [described] = await describeTopics(client, [events.name]);
    expect([described.partitions, described.config['cleanup.policy'], described.config['retention.ms']]).toEqual([3, 'delete', '3600000']);
  });

  it('should create nothing when a spec is invalid', async () => {
    const [events, latest] = specsFor(uniqueSuffix());
    created = [events.name, latest.name];

    await expect(provisionTopics(client, [events, { ...latest, partitions: 0 }])).rejects.toThrow(`Topic "${latest.name}" declares 0 partitions`);

    const existing = await listTopics(client);
    expect(existing).not.toContain(events.name);
    expect(existing).not.toContain(latest.name);
  });

  it('should count the records a topic holds over all its partitions', async () => {
    const [spec] = specsFor(uniqueSuffix());
    created = [spec.name];
    await provisionTopics(client, [spec]);
    const producer = new KafkaProducer(client);
    try {
      expect(await topicRecordCount(client, spec.name)).toBe(0);
      await producer.send(spec.name, Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, value: { i } })));
      expect(await topicRecordCount(client, spec.name)).toBe(25);
    } finally {
      await producer.disconnect();
    }
  });
});
