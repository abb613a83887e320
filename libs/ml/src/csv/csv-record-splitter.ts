import { CharCode } from '../features/char-codes';

/** Receives each non-blank record with the 1-based physical line it starts on. */
export interface CsvRecordHandler {
  /**
   * A record without any quote (nearly all of them): `text[start, end)` without the line break, fields
   * not yet cut. Handed over uncut because reading char codes from a substring costs an indirection each.
   */
  onLine(text: string, start: number, end: number, line: number): void;
  /**
   * A record with quoted fields, already unquoted, or a line that is not a well-formed record; `problem`
   * says what is malformed, if anything (an unclosed quote, text after a closing quote, a line too long).
   * `raw` is its text without the final line break (only the first `maxRecordLength` characters of a line
   * too long), `rawLength` the length of the whole of it as written.
   */
  onFields(fields: string[], line: number, raw: string, problem: string | null, rawLength: number): void;
}

/** Longest record read, in characters without its line break: what one record can cost in memory. */
export const DEFAULT_MAX_RECORD_LENGTH = 1 << 20;

const BOM = '\uFEFF';

function isBlankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== CharCode.SPACE && c !== CharCode.TAB && c !== CharCode.CR) return false;
  }
  return true;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function countFields(text: string, from: number, to: number): number {
  let n = 1;
  for (let i = text.indexOf(',', from); i !== -1 && i < to; i = text.indexOf(',', i + 1)) n++;
  return n;
}

/** Index of the end of the line whose line feed is at `lf`, before a CR. */
function lineEnd(text: string, start: number, lf: number): number {
  return lf > start && text.charCodeAt(lf - 1) === CharCode.CR ? lf - 1 : lf;
}

interface QuotedRecord {
  readonly fields: string[];
  /** Index just after the record's line break. */
  readonly next: number;
  /** Index of the record's end, before its line break. */
  readonly end: number;
  readonly lineFeeds: number;
  readonly problem: string | null;
}

/** A line longer than the limit, being skipped to its end. */
interface OverlongLine {
  readonly head: string;
  /** Characters seen so far, a final CR included. */
  length: number;
  endsWithCr: boolean;
}

/**
 * Splits streamed text into CSV records (RFC 4180: quoted fields with commas, doubled quotes and line
 * breaks; CRLF or LF; blank lines skipped), keeping physical line numbers. Text arrives in chunks cut
 * anywhere. Lines without a quote are handed over whole (found with `indexOf`, cut by the handler without
 * allocating a string per field); only quoted records are walked field by field, and an incomplete one
 * is re-read when the next chunk arrives.
 *
 * Hostile input costs one line, never the rest of the file, and the result does not depend on where the
 * chunks are cut:
 * - A quoted field may span lines only when the record it makes is well-formed (every quote closed, only a
 *   comma or line break after a closing quote) and has the first record's (the header's) field count, and
 *   only within the length limit. Otherwise the quote is taken as unclosed: its line alone is handed over
 *   with the problem, and reading starts again at the next line.
 * - A line longer than `maxRecordLength` is handed over with its first `maxRecordLength` characters and its
 *   length; the rest of it is skipped, never held.
 */
export class CsvRecordSplitter {
  /** Text not split yet, in the chunks it came in, joined only when a record may end in it. */
  private pending: string[] = [];
  private pendingLength = 0;
  /** Pending length below which an incomplete quoted record is not read again. */
  private retryAt = 0;
  private line = 1;
  private started = false;
  /** Fields of the first record, the header; 0 until it is read. */
  private fieldCount = 0;
  private overlong: OverlongLine | null = null;

  constructor(
    private readonly handler: CsvRecordHandler,
    private readonly maxRecordLength = DEFAULT_MAX_RECORD_LENGTH,
  ) {
    if (!Number.isInteger(maxRecordLength) || maxRecordLength < 1) throw new RangeError(`maxRecordLength must be a positive integer, got ${maxRecordLength}`);
  }

  push(text: string): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    if (this.overlong !== null) {
      text = this.skipOverlong(this.overlong, text);
      if (this.overlong !== null) return;
    }
    if (text.length === 0) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    // A record ends at a line feed, so without one nothing new can be read; and an incomplete quoted record is
    // read again only once the text waiting for it has doubled. Text trickling in costs linear time, not quadratic.
    // +1 leaves room for the CR of a CRLF still to come.
    if ((this.pendingLength < this.retryAt || text.indexOf('\n') === -1) && this.pendingLength <= this.maxRecordLength + 1) return;
    this.drain(this.pending.length === 1 ? text : this.pending.join(''), false);
    // drain() leaves no line feed behind past the limit.
    if (this.pendingLength > this.maxRecordLength + 1) {
      const rest = this.pending[0];
      this.overlong = { head: rest.slice(0, this.maxRecordLength), length: rest.length, endsWithCr: rest.charCodeAt(rest.length - 1) === CharCode.CR };
      this.pending = [];
      this.pendingLength = 0;
    }
  }

  /** Flushes the last record, which may lack a final line break. */
  end(): void {
    if (this.overlong !== null) {
      this.rejectOverlong(this.overlong.head, this.overlong.length - (this.overlong.endsWithCr ? 1 : 0));
      this.overlong = null;
    }
    if (this.pendingLength > 0) this.drain(`${this.pending.join('')}\n`, true);
  }

  /** Counts `text` into the skipped line up to its line feed; returns what follows it. */
  private skipOverlong(skipped: OverlongLine, text: string): string {
    const lf = text.indexOf('\n');
    if (lf === -1) {
      skipped.length += text.length;
      if (text.length > 0) skipped.endsWithCr = text.charCodeAt(text.length - 1) === CharCode.CR;
      return '';
    }
    const cr = lf > 0 ? text.charCodeAt(lf - 1) === CharCode.CR : skipped.endsWithCr;
    this.overlong = null;
    this.rejectOverlong(skipped.head, skipped.length + lf - (cr ? 1 : 0));
    return text.slice(lf + 1);
  }

  /** Hands over the records of `buf`, keeps the rest pending. */
  private drain(buf: string, final: boolean): void {
    const max = this.maxRecordLength;
    let pos = 0;
    // Where the next quote is; searched again only once passed, so quote-free text is scanned once.
    let nextQuote = buf.indexOf('"');
    this.retryAt = 0;
    for (;;) {
      const lf = buf.indexOf('\n', pos);
      if (lf === -1) break;
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > lf) {
        const end = lineEnd(buf, pos, lf);
        if (end - pos > max) {
          this.readLineAlone(buf, pos, lf);
        } else {
          if (!isBlankBetween(buf, pos, end)) {
            if (this.fieldCount === 0) this.fieldCount = countFields(buf, pos, end);
            this.handler.onLine(buf, pos, end, this.line);
          }
          this.line++;
        }
        pos = lf + 1;
        continue;
      }
      const record = this.readQuoted(buf, pos, final);
      if (record !== null && record.end - pos <= max && (record.lineFeeds === 0 || this.isWellFormed(record))) {
        this.emit(record, buf.slice(pos, record.end));
        pos = record.next;
        continue;
      }
      // The record may still end well in the next chunks, if it does within the limit.
      if (record === null && buf.length - pos <= max + 1) {
        this.retryAt = 2 * (buf.length - pos);
        break;
      }
      this.readLineAlone(buf, pos, lf);
      pos = lf + 1;
    }
    const rest = pos === 0 ? buf : buf.slice(pos);
    this.pending = rest.length === 0 ? [] : [rest];
    this.pendingLength = rest.length;
  }

  private isWellFormed(record: QuotedRecord): boolean {
    return record.problem === null && (this.fieldCount === 0 || record.fields.length === this.fieldCount);
  }

  private emit(record: QuotedRecord, raw: string): void {
    if (this.fieldCount === 0) this.fieldCount = record.fields.length;
    this.handler.onFields(record.fields, this.line, raw, record.problem, raw.length);
    this.line += record.lineFeeds + 1;
  }

  /** The line `buf[start, lf)` read as a record of its own: a quote still open at its end is unclosed. */
  private readLineAlone(buf: string, start: number, lf: number): void {
    const end = lineEnd(buf, start, lf);
    if (end - start > this.maxRecordLength) {
      this.rejectOverlong(buf.slice(start, start + this.maxRecordLength), end - start);
      return;
    }
    const text = buf.slice(start, lf + 1);
    // Never null: the text is final and ends with its line feed.
    const record = this.readQuoted(text, 0, true) as QuotedRecord;
    this.emit(record, text.slice(0, record.end));
  }

  /** Hands over a line too long to read, with the fields of its head (for the customer id). */
  private rejectOverlong(head: string, length: number): void {
    const { fields } = this.readQuoted(`${head}\n`, 0, true) as QuotedRecord;
    if (this.fieldCount === 0) this.fieldCount = fields.length;
    this.handler.onFields(fields, this.line, head, `line too long: ${length} characters, the limit is ${this.maxRecordLength}`, length);
    this.line++;
  }

  /** Reads one record that contains a quote, or returns null when it continues in the next chunk. */
  private readQuoted(buf: string, start: number, final: boolean): QuotedRecord | null {
    const fields: string[] = [];
    let problem: string | null = null;
    let i = start;
    for (;;) {
      let value = '';
      if (buf.charCodeAt(i) === CharCode.QUOTE) {
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          // `final` text ends with a line feed (end() adds one), so only a truly unclosed quote lands here.
          if (q === -1) {
            if (!final) return null;
            // Drop the '\n' added by end() and the input's own final line break.
            let end = buf.length - 1;
            if (buf.charCodeAt(end - 1) === CharCode.LF) end--;
            if (buf.charCodeAt(end - 1) === CharCode.CR) end--;
            fields.push(value + buf.slice(from, end));
            return { fields, next: buf.length, end, lineFeeds: countLineFeeds(buf, start, end), problem: `unclosed quote in column ${fields.length}` };
          }
          value += buf.slice(from, q);
          if (q + 1 === buf.length) return null;
          const after = buf.charCodeAt(q + 1);
          if (after === CharCode.QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          if (after === CharCode.CR && q + 2 === buf.length) return null;
          i = q + 1;
          break;
        }
        const c = buf.charCodeAt(i);
        if (c === CharCode.CR && buf.charCodeAt(i + 1) === CharCode.LF) i++;
        else if (c !== CharCode.COMMA && c !== CharCode.LF) problem ??= `text after the closing quote in column ${fields.length + 1}`;
      }
      const stop = fieldEnd(buf, i);
      if (stop === -1) return null;
      value += stop > i && buf.charCodeAt(stop) === CharCode.LF && buf.charCodeAt(stop - 1) === CharCode.CR ? buf.slice(i, stop - 1) : buf.slice(i, stop);
      fields.push(value);
      if (buf.charCodeAt(stop) === CharCode.COMMA) {
        i = stop + 1;
        continue;
      }
      const end = stop > start && buf.charCodeAt(stop - 1) === CharCode.CR ? stop - 1 : stop;
      return { fields, next: stop + 1, end, lineFeeds: countLineFeeds(buf, start, stop), problem };
    }
  }
}

/** Index of the ',' or '\n' ending an unquoted field (or the tail after a closing quote), or -1 if not in this chunk yet. */
function fieldEnd(buf: string, from: number): number {
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === CharCode.COMMA || c === CharCode.LF) return i;
  }
  return -1;
}
