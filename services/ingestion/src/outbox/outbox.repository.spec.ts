import { toOutboxRecords } from './outbox.repository';

describe(toOutboxRecords.name, () => {
  it('should give each line its key and payload, row after row, when rows hold several messages', () => {
    const records = toOutboxRecords([
      { topic: 't1', records: 'C1\t{"a":1}\nC2\t{"a":"x\\ty"}', messages: 2 },
      { topic: 't2', records: 'C3\t{"a":3}', messages: 1 },
    ]);

    expect(records).toEqual([
      { topic: 't1', key: 'C1', payload: '{"a":1}' },
      { topic: 't1', key: 'C2', payload: '{"a":"x\\ty"}' },
      { topic: 't2', key: 'C3', payload: '{"a":3}' },
    ]);
  });

  it('should read a line without a payload as a tombstone', () => {
    expect(toOutboxRecords([{ topic: 't1', records: 'C1\t\nC2\t{"a":2}', messages: 2 }])).toEqual([
      { topic: 't1', key: 'C1', payload: null },
      { topic: 't1', key: 'C2', payload: '{"a":2}' },
    ]);
  });

  it('should refuse the rows, publishing nothing, when a row holds another number of lines than its message count', () => {
    expect(() =>
      toOutboxRecords([
        { topic: 't1', records: 'C1\t{"a":1}', messages: 1 },
        { topic: 't1', records: 'C2\t{"a":2}', messages: 2 },
      ]),
    ).toThrow('Outbox row of 2 messages on t1 holds 1');
  });

  it('should refuse a row with a line that has no key', () => {
    expect(() => toOutboxRecords([{ topic: 't1', records: 'C1\t{"a":1}\n{"a":2}', messages: 2 }])).toThrow('Outbox row on t1 holds a message without a key: {"a":2}');
  });
});
