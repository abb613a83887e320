import type { IHeaders, Message } from 'kafkajs';

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

/** The trace context of a produce request (`traceparent`, `tracestate`), encoded once for all of its records. */
export type EncodedTraceHeaders = Readonly<Record<string, Buffer>>;

export function encodeTraceHeaders(headers: Readonly<Record<string, string>>): EncodedTraceHeaders | undefined {
  if (headers.traceparent === undefined) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, 'utf8')]));
}

/**
 * The record kafkajs sends. `traceHeaders` go into a record that carries no trace context of its own; a record
 * without headers shares the request's one object (kafkajs only reads it): a copy and a string encoded per record
 * was much of what a traceparent on every record cost (decision 0022).
 */
export function toKafkaJsMessage(message: OutgoingMessage, traceHeaders?: EncodedTraceHeaders): Message {
  return { key: message.key, value: encodeValue(message.value), headers: headersOf(message.headers, traceHeaders), partition: message.partition };
}

function headersOf(own: OutgoingMessage['headers'], traceHeaders: EncodedTraceHeaders | undefined): IHeaders | undefined {
  if (own === undefined) return traceHeaders;
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(own)) headers[name] = typeof value === 'string' || Buffer.isBuffer(value) ? value : [...value];
  if (traceHeaders !== undefined && own.traceparent === undefined) Object.assign(headers, traceHeaders);
  return headers;
}
