import type { TopicSpec } from '@seg/contracts';
import { createTopic, formatProvisioningResult, topicConfigEntries, topicMismatches } from './provision-topics';
import type { TopicDescription } from './topic-admin';

const spec: TopicSpec = {
  name: 'customers.features.v1',
  partitions: 3,
  replicationFactor: 1,
  cleanupPolicy: 'compact',
  retentionMs: -1,
  description: 'features',
};

const matching: TopicDescription = {
  name: spec.name,
  partitions: 3,
  replicationFactor: 1,
  config: { 'cleanup.policy': 'compact', 'retention.ms': '-1', 'segment.bytes': '1073741824' },
};

describe(topicMismatches.name, () => {
  it('should report nothing when the broker matches the declaration', () => {
    expect(topicMismatches(spec, matching)).toEqual([]);
  });

  it('should report each differing config and the replication factor when they differ', () => {
    const actual = { ...matching, replicationFactor: 3, config: { ...matching.config, 'cleanup.policy': 'delete' } };
    expect(topicMismatches(spec, actual)).toEqual([
      'cleanup.policy is "delete", declared "compact"',
      'replication factor is 3, declared 1',
    ]);
  });

  it('should report extra partitions but not fewer when partitions differ', () => {
    expect(topicMismatches(spec, { ...matching, partitions: 6 })).toEqual([
      'has 6 partitions, declared 3 (Kafka cannot remove partitions)',
    ]);
    expect(topicMismatches(spec, { ...matching, partitions: 1 })).toEqual([]);
  });
});

describe(topicConfigEntries.name, () => {
  it('should pin the cleanup policy and retention only when mapping a spec', () => {
    expect(topicConfigEntries(spec)).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '-1' });
  });
});

describe(formatProvisioningResult.name, () => {
  it('should append the mismatches when there are some, and nothing when there are none', () => {
    const line = formatProvisioningResult({ topic: spec.name, status: 'existing', partitions: 3, mismatches: ['a', 'b'] });
    expect(line).toMatch(/^existing\s+customers\.features\.v1 \(3 partitions\) MISMATCH: a; b$/);
    expect(formatProvisioningResult({ topic: spec.name, status: 'created', partitions: 1, mismatches: [] })).toMatch(/\(1 partition\)$/);
  });
});

describe(createTopic.name, () => {
  const failingWith = (type: string) => ({ createTopics: () => Promise.reject(Object.assign(new Error(type), { type })) });

  it('should count the topic as created when the wait for its leaders meets a broker that does not host it yet', async () => {
    await expect(createTopic(failingWith('UNKNOWN_TOPIC_OR_PARTITION'), spec)).resolves.toBe(true);
  });

  it('should pass on any other error, and the broker\'s answer when the request succeeds', async () => {
    await expect(createTopic(failingWith('POLICY_VIOLATION'), spec)).rejects.toThrow('POLICY_VIOLATION');
    await expect(createTopic({ createTopics: () => Promise.resolve(false) }, spec)).resolves.toBe(false);
  });
});
