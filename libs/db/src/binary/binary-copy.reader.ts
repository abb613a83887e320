/** What every `COPY … TO STDOUT (FORMAT binary)` result starts with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags, length of the header extension. */
const HEADER_BYTES = SIGNATURE.length + 8;

/**
 * Reads the result of a `COPY … TO STDOUT (FORMAT binary)` (`copyOutBinary`) in place, tuple by tuple and field by
 * field in the order the query selects them: doubles as PostgreSQL stores them, text as UTF-8, with no row object.
 * The caller knows the layout; the reader refuses what does not fit it (a field of another size, bytes after the
 * trailer), so a changed query fails loudly instead of filling arrays with garbage.
 */
export class BinaryCopyReader {
  // A DataView reads big-endian numbers in place, several times faster than Buffer's readDoubleBE.
  private readonly view: DataView;
  private offset: number;

  constructor(private readonly copy: Buffer) {
    if (copy.length < HEADER_BYTES || !copy.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('Not the result of a binary COPY');
    this.view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
    this.offset = HEADER_BYTES + this.view.getInt32(SIGNATURE.length + 4);
  }

  /** The number of fields of the next tuple, or -1 at the trailer (then `end`). */
  nextTuple(): number {
    const fields = this.view.getInt16(this.offset);
    this.offset += 2;
    return fields;
  }

  /** The next field as text (any type the query casts to text, read as UTF-8); null for NULL. */
  text(): string | null {
    const length = this.view.getInt32(this.offset);
    this.offset += 4;
    if (length === -1) return null;
    this.offset += length;
    return this.copy.toString('utf8', this.offset - length, this.offset);
  }

  /** The next field as a float8; NaN for NULL (a missing value). Throws on a field of another size. */
  float8(): number {
    const length = this.view.getInt32(this.offset);
    this.offset += 4;
    if (length === 8) {
      this.offset += 8;
      return this.view.getFloat64(this.offset - 8);
    }
    if (length === -1) return Number.NaN;
    throw new Error(`A field of ${length} bytes at byte ${this.offset - 4} of a binary COPY, not a float8`);
  }

  /** After the trailer: throws unless every byte was read. */
  end(): void {
    if (this.offset !== this.copy.length) throw new Error(`A binary COPY ends at byte ${this.offset} of ${this.copy.length}`);
  }
}
