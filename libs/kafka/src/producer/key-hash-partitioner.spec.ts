import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { KeyHashPartitioner, murmur2 } from './key-hash-partitioner';

const partitionMetadata = (count: number, leaderless: number[] = []): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: leaderless.includes(partitionId) ? -1 : 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

describe(murmur2.name, () => {
  it("should give the Java client's hashes when keys are hashed", () => {
    // Values from Kafka's UtilsTest.testMurmur2.
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from([0x61, 0x62, 0x63]))).toBe(479470107);
  });
});

describe('KeyHashPartitioner', () => {
  it("should choose the same partition as kafkajs' DefaultPartitioner when messages have keys of every length", () => {
    const ours = KeyHashPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    const keys = [...Array.from({ length: 2000 }, (_, i) => `C${String(i).padStart(i % 9, '0')}`), 'é-ü', Buffer.from([0, 255, 128, 7, 9])];
    for (const partitions of [1, 3, 7]) {
      for (const key of keys) {
        const args = { topic: 't', partitionMetadata: partitionMetadata(partitions), message: { key, value: null } };
        expect(ours(args)).toBe(theirs(args));
      }
    }
  });

  it('should keep an explicit partition and spread keyless messages over the partitions with a leader when no key is given', () => {
    const partition = KeyHashPartitioner();
    expect(partition({ topic: 't', partitionMetadata: partitionMetadata(3), message: { key: 'C1', value: null, partition: 2 } })).toBe(2);
    const chosen = Array.from({ length: 6 }, () => partition({ topic: 't', partitionMetadata: partitionMetadata(3, [1]), message: { value: null } }));
    expect(new Set(chosen)).toEqual(new Set([0, 2]));
  });
});
