import { readFileSync } from 'node:fs';

/**
 * libs/kafka/patches/kafkajs+2.2.4.patch makes kafkajs' producer cheaper without changing a byte it sends:
 * - grouping a send's messages by partition copied the partition's array for every message, quadratic in a
 *   request's messages (upstream tulios/kafkajs#1576, never released): ~2 µs of CPU per message at 1,000;
 * - a varint was written through a JS array and a Buffer of its own, and a 64-bit one through Long arithmetic
 *   even when it fits in 32 bits;
 * - every record had an Encoder of its own, copied into the batch, and a spread copy of its message;
 * - every header of a record had an Encoder of its own too: a zeroed 512-byte Buffer per traceparent.
 * These tests hold the behaviour to the protocol: they pass on the original kafkajs too, except the last one.
 * The patch also keeps the request queue from asking for a negative timeout (Node clamped it to 1 ms; Node 24
 * also prints a TimeoutNegativeWarning, once per process that talks to Kafka).
 */
type Group = (args: { topic: string; partitionMetadata: unknown[]; messages: { key: string }[]; partitioner: (args: { message: { key: string } }) => number }) => Record<number, { key: string }[]>;
interface KafkaJsEncoder {
  writeVarInt(value: number): KafkaJsEncoder;
  writeVarLong(value: number): KafkaJsEncoder;
  readonly buffer: Buffer;
}
interface KafkaJsDecoder {
  readVarInt(): number;
  readVarLong(): { toString(): string };
  readString(): string;
  readInt16(): number;
  readInt32(): number;
  readBytes(length: number): Buffer;
}
interface DecodedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
  timestamp: string;
  offset: string;
}
type ProduceMessage = { key: string | Buffer | null; value: string | Buffer | null; headers?: Record<string, string | Buffer | string[]>; timestamp?: string };

const kafkajs = (module: string) => jest.requireActual(`kafkajs/src/${module}`);
const Encoder: { new (): KafkaJsEncoder; sizeOfVarLong(value: number): number } = kafkajs('protocol/encoder');
const Decoder: new (buffer: Buffer) => KafkaJsDecoder = kafkajs('protocol/decoder');
const produceRequest: (args: object) => { encode(): Promise<{ buffer: Buffer }> } = kafkajs('protocol/requests/produce/v3/request');
const decodeRecordBatch: (decoder: KafkaJsDecoder) => Promise<{ lastOffsetDelta: number; records: DecodedRecord[] }> = kafkajs('protocol/recordBatch/v0/decoder');
const crc32C: (buffer: Buffer) => number = kafkajs('protocol/recordBatch/crc32C');

const INT32 = [0, 1, -1, 63, -64, 64, -65, 300, 8191, -8192, 2 ** 20, 2 ** 31 - 1, -(2 ** 31)];
const WIDER = [2 ** 31, -(2 ** 31) - 1, 2 ** 40, -(2 ** 40), Number.MAX_SAFE_INTEGER];

describe('kafkajs varints (patched writers)', () => {
  it('should write the zigzag LEB128 bytes of the protocol when values are known', () => {
    expect([...new Encoder().writeVarInt(300).buffer]).toEqual([0xd8, 0x04]);
    expect([...new Encoder().writeVarInt(-1).buffer]).toEqual([0x01]);
    expect([...new Encoder().writeVarLong(-(2 ** 31)).buffer]).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect([...new Encoder().writeVarLong(2 ** 31).buffer]).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
  });

  it('should read back every value it wrote, with the size it announced, when values span 32 and 64 bits', () => {
    const encoder = new Encoder();
    for (const value of INT32) encoder.writeVarInt(value);
    for (const value of [...INT32, ...WIDER]) encoder.writeVarLong(value);
    const decoder = new Decoder(encoder.buffer);

    expect(INT32.map(() => decoder.readVarInt())).toEqual(INT32);
    expect([...INT32, ...WIDER].map(() => decoder.readVarLong().toString())).toEqual([...INT32, ...WIDER].map(String));
    expect([...INT32, ...WIDER].map((value) => Encoder.sizeOfVarLong(value))).toEqual([...INT32, ...WIDER].map((value) => new Encoder().writeVarLong(value).buffer.length));
  });
});

describe('kafkajs produce request (patched record batch)', () => {
  /**
   * The record batch of each partition of an encoded produce request v3, decoded by kafkajs' fetch decoder, with
   * the checks the broker makes of a batch's frame: its length, its CRC-32C and its last offset delta.
   */
  async function sendAndDecode(partitions: { partition: number; messages: ProduceMessage[] }[]): Promise<Record<number, DecodedRecord[]>> {
    const topicData = [{ topic: 't', partitions: partitions.map((p) => ({ ...p, firstSequence: 0 })) }];
    const { buffer } = await produceRequest({ acks: -1, timeout: 1000, compression: 0, topicData }).encode();
    const decoder = new Decoder(buffer);
    decoder.readString(); // transactional id (null)
    expect([decoder.readInt16(), decoder.readInt32(), decoder.readInt32(), decoder.readString()]).toEqual([-1, 1000, 1, 't']);
    const decoded: Record<number, DecodedRecord[]> = {};
    for (let left = decoder.readInt32(); left > 0; left--) {
      const partition = decoder.readInt32();
      const bytes = decoder.readBytes(decoder.readInt32());
      const batch = await decodeRecordBatch(new Decoder(bytes));
      const sent = partitions.find((p) => p.partition === partition)?.messages.length;
      expect({ length: bytes.readInt32BE(8), crc: bytes.readUInt32BE(17), lastOffsetDelta: batch.lastOffsetDelta, records: batch.records.length }).toEqual({
        length: bytes.length - 12,
        crc: crc32C(bytes.subarray(21)),
        lastOffsetDelta: (sent ?? 0) - 1,
        records: sent,
      });
      decoded[partition] = batch.records;
    }
    return decoded;
  }

  it('should send each record with its key, value, headers, offset and time when partitions hold several records', async () => {
    const messages: ProduceMessage[] = [
      { key: 'C10001', value: '{"balance":40.9}', timestamp: '1764000000000' },
      { key: null, value: 'é ünïcode ✓', timestamp: '1764000000005' },
      { key: Buffer.from([0, 1, 2]), value: null, headers: { origin: 'ingestion', tag: ['a', 'b'] }, timestamp: '1764000000003' },
      { key: 'C10002', value: 'ü'.repeat(5_000), timestamp: '1764000000001' },
    ];
    const decoded = await sendAndDecode([
      { partition: 0, messages },
      { partition: 2, messages: [{ key: 'K', value: 'V', timestamp: '1764000000009' }] },
    ]);

    expect(decoded[0].map((record) => [record.key?.toString('hex'), record.value?.toString(), record.timestamp, record.offset])).toEqual([
      [Buffer.from('C10001').toString('hex'), '{"balance":40.9}', '1764000000000', '0'],
      [undefined, 'é ünïcode ✓', '1764000000005', '1'],
      ['000102', undefined, '1764000000003', '2'],
      [Buffer.from('C10002').toString('hex'), 'ü'.repeat(5_000), '1764000000001', '3'],
    ]);
    expect(decoded[0][2].headers).toEqual({ origin: Buffer.from('ingestion'), tag: [Buffer.from('a'), Buffer.from('b')] });
    expect(decoded[0][0].headers).toEqual({});
    expect(decoded[2].map((record) => [record.key?.toString(), record.value?.toString(), record.offset])).toEqual([['K', 'V', '0']]);
  });
});

describe('kafkajs grouping of a send by partition (patched)', () => {
  const group: Group = kafkajs('producer/groupMessagesPerPartition');

  it('should keep each partition in send order when messages of several partitions interleave', () => {
    const messages = ['a0', 'b0', 'a1', 'c0', 'b1', 'a2'].map((key) => ({ key }));
    const grouped = group({ topic: 't', partitionMetadata: [{}, {}, {}], messages, partitioner: ({ message }) => 'abc'.indexOf(message.key[0]) });

    expect(Object.fromEntries(Object.entries(grouped).map(([partition, list]) => [partition, list.map((m) => m.key)]))).toEqual({
      0: ['a0', 'a1', 'a2'],
      1: ['b0', 'b1'],
      2: ['c0'],
    });
  });

  it("should write a record's headers into the batch's buffer, allocating no Buffer per header", () => {
    const writeRecord: (args: object) => unknown = kafkajs('protocol/recordBatch/record/v0');
    const into = new (Encoder as unknown as new (size: number) => KafkaJsEncoder)(4_096);
    const alloc = jest.spyOn(Buffer, 'alloc');
    try {
      writeRecord({ key: Buffer.from('C1'), value: Buffer.from('{}'), headers: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`, tag: ['x', 'y'] }, into });
      expect(alloc).not.toHaveBeenCalled();
    } finally {
      alloc.mockRestore();
    }
  });

  it('should run the patched one-pass version, when the dependencies were installed (postinstall applies the patch)', () => {
    const source = readFileSync(require.resolve('kafkajs/src/producer/groupMessagesPerPartition'), 'utf8');
    expect(source).not.toContain('[...current, message]');
    expect(source).toContain('current.push(message)');
  });

  it("should read a record's headers straight into one object, not fold an array of them copying the object per header", () => {
    const source = readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/record/v0/decoder'), 'utf8');
    expect(source).not.toContain('readVarIntArray(HeaderDecoder).reduce');
    expect(source).toContain('headers[headerKey] =');
  });
});

describe('kafkajs request queue (patched)', () => {
  const RequestQueue: new (args: object) => { scheduleCheckPendingRequests(): void; throttleCheckTimeoutId: NodeJS.Timeout | null } =
    kafkajs('network/requestQueue');
  const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

  it('should schedule its next check at least 1 ms ahead, never a negative delay, when it is not throttled and nothing is pending', () => {
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    const queue = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 'test', broker: 'b:9092', logger });
    try {
      queue.scheduleCheckPendingRequests();
      expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
      expect(setTimeoutSpy.mock.calls[0][1]).toBe(1);
    } finally {
      if (queue.throttleCheckTimeoutId) clearTimeout(queue.throttleCheckTimeoutId);
      setTimeoutSpy.mockRestore();
    }
  });
});
