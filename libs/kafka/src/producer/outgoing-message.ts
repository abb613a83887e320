import type { Message } from 'kafkajs';

/**
 * A record to send. An object value is sent as JSON; a string or Buffer as is; null is a tombstone
 * (on a compacted topic it deletes the key).
 */
export interface OutgoingMessage {
  readonly key: string | Buffer | null;
  readonly value: object | string | Buffer | null;
  /** A header may repeat; give its values as an array. */
  readonly headers?: Readonly<Record<string, string | Buffer | readonly (string | Buffer)[]>>;
  /** Overrides the key-hash partitioner; leave unset so records of a key stay in order. */
  readonly partition?: number;
}

export function encodeValue(value: OutgoingMessage['value']): Buffer | string | null {
  if (value === null || typeof value === 'string' || Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
}

export function toKafkaJsMessage(message: OutgoingMessage): Message {
  return {
    key: message.key,
    value: encodeValue(message.value),
    headers: message.headers
      ? Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, typeof value === 'string' || Buffer.isBuffer(value) ? value : [...value]]))
      : undefined,
    partition: message.partition,
  };
}
