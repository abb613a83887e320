import { compress as snappyCompress } from 'snappyjs';
import { CompressionCodecError, decodeLz4, decodeSnappy, decodeZstd, registerCompressionCodecs } from './compression-codecs';
import { JAVA_PRODUCER_BATCHES } from './compression-codecs.fixtures';

interface KafkaJsDecoder {
  readonly buffer: Buffer;
}
interface DecodedBatch {
  records: { key: Buffer | null; value: Buffer | null; offset: string }[];
}

const kafkajs = (module: string) => jest.requireActual(`kafkajs/src/${module}`);
const Decoder: new (buffer: Buffer) => KafkaJsDecoder = kafkajs('protocol/decoder');
const decodeRecordBatch: (decoder: KafkaJsDecoder) => Promise<DecodedBatch> = kafkajs('protocol/recordBatch/v0/decoder');
const lookupCodec: (type: number) => { compress(encoder: { buffer: Buffer }): Promise<Buffer> } = kafkajs('protocol/message/compression').lookupCodec;

const CODECS = ['snappy', 'lz4', 'zstd'] as const;
const batch = (codec: (typeof CODECS)[number]) => Buffer.from(JAVA_PRODUCER_BATCHES[codec], 'base64');
// The records section of a v2 batch starts after its 61-byte header.
const compressedRecords = (codec: (typeof CODECS)[number]) => batch(codec).subarray(61);
const expectedValue = (codec: string, i: number) => JSON.stringify({ i, codec, pad: 'x'.repeat(1_000) });

describe(registerCompressionCodecs.name, () => {
  it('should leave kafkajs unable to read a Java producer lz4 batch when nothing is registered', async () => {
    let isolatedDecode: typeof decodeRecordBatch = decodeRecordBatch;
    jest.isolateModules(() => {
      isolatedDecode = jest.requireActual('kafkajs/src/protocol/recordBatch/v0/decoder');
    });

    await expect(isolatedDecode(new Decoder(batch('lz4')))).rejects.toThrow('LZ4 compression not implemented');
  });

  it.each(CODECS)('should decode every record of a %s batch from the Java producer when registered', async (codec) => {
    registerCompressionCodecs();

    const { records } = await decodeRecordBatch(new Decoder(batch(codec)));

    expect(records).toHaveLength(40);
    expect(records.map((r) => r.key?.toString())).toEqual(Array.from({ length: 40 }, (_, i) => `k${i}`));
    expect(records.map((r) => r.value?.toString())).toEqual(Array.from({ length: 40 }, (_, i) => expectedValue(codec, i)));
  });

  it('should refuse to encode with the decode-only codecs, naming what the platform produces', async () => {
    registerCompressionCodecs();
    registerCompressionCodecs();

    await expect(lookupCodec(3).compress({ buffer: Buffer.from('x') })).rejects.toThrow('lz4: this platform decodes lz4 but produces only gzip or uncompressed batches');
  });
});

describe(decodeSnappy.name, () => {
  it('should concatenate the blocks of a xerial frame when snappy-java cut the batch in two', () => {
    const decoded = decodeSnappy(compressedRecords('snappy'));

    // 40 records of ~1 KB: over snappy-java's 32 KiB block, so the frame has two blocks.
    expect(decoded.length).toBeGreaterThan(32 * 1_024);
    expect(decoded.includes(Buffer.from(expectedValue('snappy', 0)))).toBe(true);
    expect(decoded.includes(Buffer.from(expectedValue('snappy', 39)))).toBe(true);
  });

  it('should decode one raw block when the data has no xerial header, as librdkafka sends it', () => {
    const text = Buffer.from('raw snappy block '.repeat(20));

    expect(decodeSnappy(snappyCompress(text))).toEqual(text);
  });

  it('should throw a CompressionCodecError when a xerial frame is cut inside a block', () => {
    const frame = compressedRecords('snappy');

    expect(() => decodeSnappy(frame.subarray(0, frame.length - 10))).toThrow(CompressionCodecError);
    expect(() => decodeSnappy(frame.subarray(0, frame.length - 10))).toThrow(/^snappy: truncated block at byte \d+/);
  });
});

describe('decodeLz4 and decodeZstd', () => {
  it('should throw a CompressionCodecError naming the codec when the data is corrupt', async () => {
    const garbage = Buffer.from('definitely not compressed data');

    await expect(decodeLz4(garbage)).rejects.toThrow(/^lz4: /);
    expect(() => decodeZstd(garbage)).toThrow(CompressionCodecError);
    expect(() => decodeZstd(garbage)).toThrow(/^zstd: /);
  });
});
