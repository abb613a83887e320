import { CharCode } from '../features/char-codes';

/** Thrown when the input cannot be read as CSV at all (as opposed to one bad row). */
export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Receives each non-blank record with the 1-based physical line it starts on. */
export interface CsvRecordHandler {
  /**
   * A record without any quote (nearly all of them): `text[start, end)` without the line break, fields
   * not yet cut. Handed over uncut because reading char codes from a substring costs an indirection each.
   */
  onLine(text: string, start: number, end: number, line: number): void;
  /**
   * A record with quoted fields, already unquoted; `raw` is its text without the final line break and
   * `problem` says what is malformed, if anything (an unclosed quote, text after a closing quote).
   */
  onFields(fields: string[], line: number, raw: string, problem: string | null): void;
}

/** Guards memory against an unterminated quote swallowing the rest of a file. */
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

interface QuotedRecord {
  readonly fields: string[];
  /** Index just after the record's line break. */
  readonly next: number;
  /** Index of the record's end, before its line break. */
  readonly end: number;
  readonly lineFeeds: number;
  readonly problem: string | null;
}

/**
 * Splits streamed text into CSV records (RFC 4180: quoted fields with commas, doubled quotes and line
 * breaks; CRLF or LF; blank lines skipped), keeping physical line numbers. Text arrives in chunks cut
 * anywhere. Lines without a quote are handed over whole (found with `indexOf`, cut by the handler without
 * allocating a string per field); only quoted records are walked field by field, and an incomplete one
 * is re-read when the next chunk arrives.
 */
export class CsvRecordSplitter {
  private buffer = '';
  private line = 1;
  private started = false;

  constructor(
    private readonly handler: CsvRecordHandler,
    private readonly maxRecordLength = DEFAULT_MAX_RECORD_LENGTH,
  ) {}

  push(text: string): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.drain(false);
    if (this.buffer.length > this.maxRecordLength) {
      throw new CsvSyntaxError(`line ${this.line}: record longer than ${this.maxRecordLength} characters (an unterminated quote?)`);
    }
  }

  /** Flushes the last record, which may lack a final line break. */
  end(): void {
    if (this.buffer.length > 0) {
      this.buffer += '\n';
      this.drain(true);
    }
  }

  private drain(final: boolean): void {
    const buf = this.buffer;
    let pos = 0;
    // Where the next quote is; searched again only once passed, so quote-free text is scanned once.
    let nextQuote = buf.indexOf('"');
    for (;;) {
      const lf = buf.indexOf('\n', pos);
      if (lf === -1) break;
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > lf) {
        const end = lf > pos && buf.charCodeAt(lf - 1) === CharCode.CR ? lf - 1 : lf;
        if (!isBlankBetween(buf, pos, end)) this.handler.onLine(buf, pos, end, this.line);
        this.line++;
        pos = lf + 1;
        continue;
      }
      const record = this.readQuoted(buf, pos, final);
      if (record === null) break;
      this.handler.onFields(record.fields, this.line, buf.slice(pos, record.end), record.problem);
      this.line += record.lineFeeds + 1;
      pos = record.next;
    }
    this.buffer = pos === 0 ? buf : buf.slice(pos);
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
          // `final` input ends with the '\n' added by end(), so only a truly unclosed quote lands here.
          if (q === -1) {
            if (!final) return null;
            // Drop the '\n' added by end() and the input's own final line break.
            let end = buf.length - 1;
            if (buf.charCodeAt(end - 1) === CharCode.LF) end--;
            if (buf.charCodeAt(end - 1) === CharCode.CR) end--;
            fields.push(value + buf.slice(from, end));
            return { fields, next: buf.length, end, lineFeeds: countLineFeeds(buf, start, end), problem: `quoted field in column ${fields.length} is never closed` };
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
