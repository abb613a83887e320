import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createKafkaClient } from '../client/kafka-client';
import { deleteTopics } from '../admin/topic-admin';
import { provisionTopics } from '../admin/provision-topics';
import type { BatchConsumer } from '../consumer/batch-consumer';
import { KafkaProducer, ProducerClosedError } from '../producer/kafka-producer';
import { recordingKafkaLogger, testKafkaConfig, testTopicSpecs, uniqueSuffix, waitFor } from '../testing';
import { KafkaConsumerRegistry } from './kafka-consumer.registry';
import { KafkaModule } from './kafka.module';

jest.setTimeout(60_000);

const suffix = uniqueSuffix();
const topic = `it.nest.${suffix}.events.v1`;

@Injectable()
class EventsConsumer implements OnModuleInit {
  readonly received: string[] = [];
  consumer!: BatchConsumer;

  constructor(private readonly registry: KafkaConsumerRegistry) {}

  onModuleInit(): void {
    this.consumer = this.registry.register({
      groupId: `it-nest-${suffix}`,
      topics: topic,
      fromBeginning: true,
      handler: async (records) => void this.received.push(...records.map((r) => String(r.key))),
    });
  }
}

describe(KafkaModule.name, () => {
  const config = testKafkaConfig();
  const admin = createKafkaClient(config, recordingKafkaLogger());
  const specs = testTopicSpecs(topic, 1);

  beforeAll(() => provisionTopics(admin, specs));
  afterAll(() => deleteTopics(admin, specs.map((s) => s.name)));

  it('should start registered consumers on bootstrap and stop them and the producer on shutdown when the app runs', async () => {
    const app = await Test.createTestingModule({ imports: [KafkaModule.forRoot(config, recordingKafkaLogger())], providers: [EventsConsumer] }).compile();
    await app.init();
    const events = app.get(EventsConsumer);
    const producer = app.get(KafkaProducer);
    const registry = app.get(KafkaConsumerRegistry);

    expect(events.consumer.state).toBe('running');
    expect(registry.health()).toMatchObject({ readiness: 'up', liveness: 'up', consumers: [{ groupId: `it-nest-${suffix}`, ready: true, live: true }] });
    expect(() => registry.register({ groupId: 'late', topics: topic, handler: async () => undefined })).toThrow('registered after bootstrap');
    await producer.send(topic, [{ key: 'C1', value: { n: 1 } }]);
    await waitFor(() => events.received.length === 1, 'the produced record');
    await app.close();

    expect(events.received).toEqual(['C1']);
    expect(registry.list().map((c) => c.state)).toEqual(['stopped']);
    expect(registry.health()).toMatchObject({ readiness: `down: it-nest-${suffix}: consumer is stopped`, liveness: `down: it-nest-${suffix}: consumer is stopped` });
    await expect(producer.send(topic, [{ key: 'C2', value: { n: 2 } }])).rejects.toBeInstanceOf(ProducerClosedError);
  });
});
