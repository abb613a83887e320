import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { DeadLetterKind } from './consumer-observer';

/** A record handed to a batch handler. */
export interface ConsumedRecord<T> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The parsed (and validated) JSON value; null for a tombstone unless the validator rejects it. */
  readonly value: T;
  readonly headers: Readonly<Record<string, string>>;
  /** Producer or broker time, epoch milliseconds as kafkajs gives it. */
  readonly timestamp: string;
}

/** Throws on an invalid value; the error message becomes the DLQ reason. A zod `schema.parse` fits. */
export type RecordValidator<T> = (value: unknown) => T;

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string; readonly kind: DeadLetterKind };

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The record's JSON value, validated. A tombstone (no value at all, as a compacted topic deletes a key) goes to the
 * validator as null, unless `tombstones` hands it to the handler as null unvalidated: a JSON `null` is still validated.
 */
export function decodeValue<T>(bytes: Buffer | null, validate?: RecordValidator<T>, tombstones = false): DecodeResult<T> {
  if (bytes === null && tombstones) return { ok: true, value: null as T };
  let parsed: unknown = null;
  if (bytes !== null) {
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      return { ok: false, reason: `invalid JSON: ${errorMessage(error)}`, kind: 'invalid-json' };
    }
  }
  if (!validate) return { ok: true, value: parsed as T };
  try {
    return { ok: true, value: validate(parsed) };
  } catch (error) {
    return { ok: false, reason: `validation failed: ${errorMessage(error)}`, kind: 'invalid-record' };
  }
}

/** Header values as text; a repeated header keeps its last value. */
export function decodeHeaders(headers: IHeaders = {}): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) decoded[name] = last.toString();
  }
  return decoded;
}

export function toConsumedRecord<T>(topic: string, partition: number, message: KafkaMessage, value: T): ConsumedRecord<T> {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value,
    headers: decodeHeaders(message.headers),
    timestamp: message.timestamp,
  };
}
