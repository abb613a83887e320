/** The body is larger than the configured maximum. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The CSV body exceeds the maximum upload size of ${maxBytes} bytes (INGESTION_MAX_UPLOAD_BYTES)`);
    this.name = 'UploadTooLargeError';
  }
}

/** Passes the body through and throws once more than `maxBytes` went by (a lying or absent Content-Length). */
export async function* limitBytes(body: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<Uint8Array | string> {
  let total = 0;
  for await (const chunk of body) {
    total += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (total > maxBytes) throw new UploadTooLargeError(maxBytes);
    yield chunk;
  }
}
