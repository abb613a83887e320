import { decompress as zstdDecompress } from 'fzstd';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { decompressFrame as lz4DecompressFrame } from 'lz4-napi';
import { uncompress as snappyUncompress } from 'snappyjs';

/** A compressed record batch that its codec cannot read. */
export class CompressionCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompressionCodecError';
  }
}

// snappy-java's SnappyOutputStream ("xerial" framing), which the Java client writes: this magic, two int32
// versions, then blocks of [int32 big-endian length][raw snappy block].
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_LENGTH = XERIAL_MAGIC.length + 8;

/** Snappy as the Java client frames it, or one raw block (librdkafka, kafkajs-snappy). */
export function decodeSnappy(compressed: Buffer): Buffer {
  if (compressed.length < XERIAL_HEADER_LENGTH || !compressed.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC)) {
    return snappyBlock(compressed);
  }
  const blocks: Buffer[] = [];
  for (let offset = XERIAL_HEADER_LENGTH; offset < compressed.length; ) {
    const size = offset + 4 <= compressed.length ? compressed.readInt32BE(offset) : -1;
    offset += 4;
    if (size < 0 || offset + size > compressed.length) throw new CompressionCodecError(`snappy: truncated block at byte ${offset - 4} of ${compressed.length}`);
    blocks.push(snappyBlock(compressed.subarray(offset, offset + size)));
    offset += size;
  }
  return Buffer.concat(blocks);
}

function snappyBlock(block: Buffer): Buffer {
  try {
    return snappyUncompress(block);
  } catch (error) {
    throw new CompressionCodecError(`snappy: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** An LZ4 frame (the Java client's KafkaLZ4BlockOutputStream writes standard frames for record batches v2). */
export async function decodeLz4(compressed: Buffer): Promise<Buffer> {
  try {
    return await lz4DecompressFrame(compressed);
  } catch (error) {
    throw new CompressionCodecError(`lz4: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A zstd frame, with or without its content size (zstd-jni's stream writes none). */
export function decodeZstd(compressed: Buffer): Buffer {
  try {
    const decoded = zstdDecompress(compressed);
    return Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  } catch (error) {
    throw new CompressionCodecError(`zstd: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The codecs this library adds to kafkajs, which decodes only gzip on its own. */
const DECODERS = {
  [CompressionTypes.Snappy]: { name: 'snappy', decode: decodeSnappy },
  [CompressionTypes.LZ4]: { name: 'lz4', decode: decodeLz4 },
  [CompressionTypes.ZSTD]: { name: 'zstd', decode: decodeZstd },
} as const;

let registered = false;

/**
 * Teaches kafkajs (a process-wide registry) to decode every codec of the protocol, so a batch from any producer
 * (the Java client, Connect, CDC tools, librdkafka) reaches the consumers instead of crashing them. Encoding stays
 * gzip or none: `KafkaProducer` offers nothing else, and these codecs refuse to encode rather than write a
 * framing no test holds to the Java client's.
 */
export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
  for (const [type, { name, decode }] of Object.entries(DECODERS)) {
    const codec = {
      compress: async () => {
        throw new CompressionCodecError(`${name}: this platform decodes ${name} but produces only gzip or uncompressed batches`);
      },
      decompress: async (compressed: Buffer) => decode(compressed),
    };
    CompressionCodecs[Number(type) as CompressionTypes.Snappy] = () => codec;
  }
}
