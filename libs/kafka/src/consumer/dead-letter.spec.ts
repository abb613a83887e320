import type { KafkaMessage } from 'kafkajs';
import { buildDlqHeaders, toDeadLetterMessage, truncateReason } from './dead-letter';

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
