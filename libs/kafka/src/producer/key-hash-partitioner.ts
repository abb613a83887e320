import { randomInt } from 'node:crypto';
import type { ICustomPartitioner } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's murmur2 (the Java client's `Utils.murmur2`) of `data`, as a signed 32-bit integer. The same result as
 * kafkajs' own, which multiplies 64-bit Long objects and allocated several per key byte group: `Math.imul`
 * keeps to 32 bits without allocating.
 */
export function murmur2(data: Buffer): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  // The last one to three bytes (the Java code's fall-through switch).
  const rest = length & 3;
  if (rest === 3) h ^= data[whole + 2] << 16;
  if (rest >= 2) h ^= data[whole + 1] << 8;
  if (rest >= 1) {
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

const toPositive = (x: number): number => x & 0x7fffffff;

/**
 * kafkajs' `Partitioners.DefaultPartitioner` (the Java client's: an explicit partition, else murmur2 of the key
 * over all partitions, else round robin over the available ones), without its per-message costs: a 64-bit
 * murmur2 and a filtered copy of the partition list for every message. Keys land on exactly the same partitions.
 */
export const KeyHashPartitioner: ICustomPartitioner = () => {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) {
      const key = Buffer.isBuffer(message.key) ? message.key : Buffer.from(String(message.key));
      return toPositive(murmur2(key)) % partitionMetadata.length;
    }
    const counter = (counters.get(topic) ?? randomInt(2 ** 32)) + 1;
    counters.set(topic, counter);
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    if (available.length > 0) return available[toPositive(counter) % available.length].partitionId;
    return toPositive(counter) % partitionMetadata.length;
  };
};
