import { encodeTraceHeaders, encodeValue, toKafkaJsMessage } from './outgoing-message';

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

  it("should add a request's trace context, encoded once, to a record without one, and keep a record's own", () => {
    const trace = encodeTraceHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    const plain = [toKafkaJsMessage({ key: 'C1', value: 'a' }, trace), toKafkaJsMessage({ key: 'C2', value: 'b' }, trace)];
    const withHeaders = toKafkaJsMessage({ key: 'C3', value: 'c', headers: { source: 'csv' } }, trace);
    const ownTrace = toKafkaJsMessage({ key: 'C4', value: 'd', headers: { traceparent: '00-1-2-01' } }, trace);

    expect(plain[0].headers?.traceparent).toEqual(Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'));
    expect(plain[1].headers).toBe(plain[0].headers);
    expect(withHeaders.headers).toEqual({ source: 'csv', traceparent: trace?.traceparent });
    expect(ownTrace.headers).toEqual({ traceparent: '00-1-2-01' });
    expect(encodeTraceHeaders({})).toBeUndefined();
  });
});
