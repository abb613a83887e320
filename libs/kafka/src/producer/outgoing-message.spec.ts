import { encodeValue, toKafkaJsMessage } from './outgoing-message';

describe(encodeValue.name, () => {
  it('should serialise objects and arrays to JSON when the value is structured', () => {
    expect(encodeValue({ customerId: 'C1', features: { BALANCE: null } })).toBe('{"customerId":"C1","features":{"BALANCE":null}}');
    expect(encodeValue([1, 2])).toBe('[1,2]');
  });

  it('should pass strings, Buffers and tombstones through unchanged when the value is raw', () => {
    const bytes = Buffer.from([0xff, 0x00]);
    expect(encodeValue('{not json')).toBe('{not json');
    expect(encodeValue(bytes)).toBe(bytes);
    expect(encodeValue(null)).toBeNull();
  });
});

describe(toKafkaJsMessage.name, () => {
  it('should copy key, headers and partition when mapping a message', () => {
    const headers = { source: 'csv' };
    const message = toKafkaJsMessage({ key: 'C1', value: { a: 1 }, headers, partition: 2 });
    expect(message).toEqual({ key: 'C1', value: '{"a":1}', headers: { source: 'csv' }, partition: 2 });
    expect(message.headers).not.toBe(headers);
  });
});
