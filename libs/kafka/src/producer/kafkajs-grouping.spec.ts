import { readFileSync } from 'node:fs';

type Group = (args: { topic: string; partitionMetadata: unknown[]; messages: { key: string }[]; partitioner: (args: { message: { key: string } }) => number }) => Record<number, { key: string }[]>;

const MODULE = 'kafkajs/src/producer/groupMessagesPerPartition';

/**
 * libs/kafka/patches/kafkajs+2.2.4.patch: kafkajs grouped a send's messages by partition copying the partition's array for
 * every message, quadratic in the messages of a request (upstream tulios/kafkajs#1576, never released): ~2 µs of
 * CPU per message at 1,000 messages per request, and the garbage of every copy.
 */
describe('kafkajs grouping of a send by partition', () => {
  const group: Group = jest.requireActual(MODULE);

  it('should keep each partition in send order when messages of several partitions interleave', () => {
    const messages = ['a0', 'b0', 'a1', 'c0', 'b1', 'a2'].map((key) => ({ key }));
    const grouped = group({ topic: 't', partitionMetadata: [{}, {}, {}], messages, partitioner: ({ message }) => 'abc'.indexOf(message.key[0]) });

    expect(Object.fromEntries(Object.entries(grouped).map(([partition, list]) => [partition, list.map((m) => m.key)]))).toEqual({
      0: ['a0', 'a1', 'a2'],
      1: ['b0', 'b1'],
      2: ['c0'],
    });
  });

  it('should run the patched one-pass version, when the dependencies were installed (postinstall applies the patch)', () => {
    const source = readFileSync(require.resolve(MODULE), 'utf8');
    expect(source).not.toContain('[...current, message]');
    expect(source).toContain('current.push(message)');
  });
});
