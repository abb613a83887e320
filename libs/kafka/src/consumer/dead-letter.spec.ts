import type { KafkaMessage } from 'kafkajs';
import { buildDlqHeaders, toDeadLetterMessage, toTruncatedDeadLetterMessage, TRUNCATED_VALUE_BYTES, truncateReason } from './dead-letter';

const letter = {
  topic: 'customers.raw.v1',
  partition: 2,
  offset: '41',
  reason: 'invalid JSON: Unexpected token',
  failedAt: new Date('2026-01-31T12:00:00.000Z'),
};

describe(buildDlqHeaders.name, () => {
  it('should describe the rejection when building headers', () => {
    expect(buildDlqHeaders(letter)).toEqual({
      'dlq-reason': 'invalid JSON: Unexpected token',
      'dlq-original-topic': 'customers.raw.v1',
      'dlq-original-partition': '2',
      'dlq-original-offset': '41',
      'dlq-failed-at': '2026-01-31T12:00:00.000Z',
    });
  });

  it('should keep original headers but let dlq headers win when names clash', () => {
    const headers = buildDlqHeaders(letter, { source: Buffer.from('csv'), 'dlq-reason': 'forged', empty: undefined });
    expect(headers['source']).toEqual(Buffer.from('csv'));
    expect(headers['dlq-reason']).toBe(letter.reason);
    expect(headers).not.toHaveProperty('empty');
  });

  it('should truncate the reason when it is very long', () => {
    const reason = 'x'.repeat(5_000);
    expect(buildDlqHeaders({ ...letter, reason })['dlq-reason']).toHaveLength(2_000);
    expect(truncateReason('short')).toBe('short');
  });
});

describe(toDeadLetterMessage.name, () => {
  it('should keep the original key and value bytes when dead-lettering', () => {
    const value = Buffer.from([0x7b, 0xff, 0x00]);
    const message = { key: Buffer.from('C1'), value, headers: {}, offset: '41', timestamp: '0', attributes: 0 } as KafkaMessage;
    const dead = toDeadLetterMessage(message, letter);
    expect(dead.key).toEqual(Buffer.from('C1'));
    expect(dead.value).toBe(value);
  });
});

describe(toTruncatedDeadLetterMessage.name, () => {
  const large = {
    key: Buffer.from('C1'),
    value: Buffer.alloc(2 * 1_024 * 1_024, 0x61),
    headers: { source: Buffer.from('partner'), trace: Buffer.from('t-1') },
    offset: '41',
    timestamp: '0',
    attributes: 0,
  } as KafkaMessage;

  it('should keep the first bytes of the value, the key, the coordinates and the original size when the broker refused the copy', () => {
    const dead = toTruncatedDeadLetterMessage(large, letter, 'MESSAGE_TOO_LARGE');

    expect(dead.key).toEqual(Buffer.from('C1'));
    expect(dead.value).toEqual(Buffer.alloc(TRUNCATED_VALUE_BYTES, 0x61));
    expect(dead.headers).toEqual({
      ...buildDlqHeaders(letter),
      'dlq-original-size': String(2 * 1_024 * 1_024),
      'dlq-truncated': `the broker refused the whole record (MESSAGE_TOO_LARGE): value cut to its first ${TRUNCATED_VALUE_BYTES} of 2097152 bytes, 2 original header(s) dropped`,
    });
  });

  it('should cut a very long key and keep a null value null when the record has no value', () => {
    const dead = toTruncatedDeadLetterMessage({ ...large, key: Buffer.alloc(5_000, 0x6b), value: null, headers: {} } as KafkaMessage, letter, 'refused');

    expect(dead.key).toHaveLength(1_024);
    expect(dead.value).toBeNull();
    expect(dead.headers?.['dlq-original-size']).toBe('0');
  });
});
