import { toOutboxRecords } from './outbox.repository';

describe(toOutboxRecords.name, () => {
  it('should pair the n-th key with the n-th payload, row after row, when rows hold several messages', () => {
    const records = toOutboxRecords([
      { topic: 't1', keys: 'C1\nC2', payloads: '{"a":1}\n{"a":2}', messages: 2 },
      { topic: 't2', keys: 'C3', payloads: '{"a":3}', messages: 1 },
    ]);

    expect(records).toEqual([
      { topic: 't1', key: 'C1', payload: '{"a":1}' },
      { topic: 't1', key: 'C2', payload: '{"a":2}' },
      { topic: 't2', key: 'C3', payload: '{"a":3}' },
    ]);
  });

  it('should refuse the rows, publishing nothing, when a row holds fewer keys or payloads than its message count', () => {
    expect(() =>
      toOutboxRecords([
        { topic: 't1', keys: 'C1', payloads: '{"a":1}', messages: 1 },
        { topic: 't1', keys: 'C2\nC3', payloads: '{"a":2}', messages: 2 },
      ]),
    ).toThrow('Outbox row of 2 messages on t1 holds 2 keys and 1 payloads');
  });
});
