import { FEATURES, FEATURE_NAMES, ID_COLUMN, type CustomerFeatures, type FeatureValues } from '../features/feature-schema';
import { createMatrix, type Matrix } from '../matrix';
import { normalizeFeatureValue, parseDecimalAt, quoteRaw, type FeatureWarning, type FieldError } from '../features/feature-value';
import { customerIdProblem, MAX_CUSTOMER_ID_LENGTH } from '../features/validate-customer';
import { storableText, truncateText } from '../text/storable-text';
import { CsvRecordSplitter, DEFAULT_MAX_RECORD_LENGTH, type CsvRecordHandler } from './csv-record-splitter';
import { CustomerIdIndex } from './customer-id-index';

/**
 * A data row that was not accepted, with everything needed to show it to the person who sent the file. Its
 * text is storable (NUL and lone surrogates replaced by U+FFFD, see storableText), and bounded in length.
 */
export interface RejectedRow {
  /** 1-based physical line the row starts on (the header is usually line 1). */
  readonly line: number;
  /** The row's CUST_ID when it could be read, even if invalid (cut after 64 characters, marked by '…'). */
  readonly customerId: string | null;
  readonly errors: FieldError[];
  /** The row as written, without its line break: its first `maxRejectedRawLength` characters. */
  readonly raw: string;
  /** The length of the whole row as written, in characters (UTF-16 code units). */
  readonly rawLength: number;
  /** Whether `raw` is only the start of the row. */
  readonly rawTruncated: boolean;
}

export type CsvWarning =
  | (FeatureWarning & { readonly line: number; readonly customerId: string })
  | {
      readonly kind: 'duplicate-id';
      readonly line: number;
      readonly customerId: string;
      readonly column: typeof ID_COLUMN;
      /** The line of the earlier row this one replaces. */
      readonly previousLine: number;
      readonly reason: string;
    };

export interface CustomerCsvBatch {
  readonly accepted: CustomerFeatures[];
  readonly rejected: RejectedRow[];
  readonly warnings: CsvWarning[];
  /** Data rows read so far in the file, this batch included. */
  readonly rowsRead: number;
}

export interface CustomerCsvOptions {
  /** Data rows (accepted + rejected) per batch; default 1000. */
  readonly batchSize?: number;
  /** Longest record read, in characters (default 1 MiB); a longer line is rejected as that row, unread. */
  readonly maxRecordLength?: number;
  /** Characters kept of a rejected row's text (default 4,096): a report echoes it and a database stores it. */
  readonly maxRejectedRawLength?: number;
  /**
   * A CUST_ID seen before in the file: `replace` (default) keeps the later row with a warning; `reject`
   * keeps the first and rejects the later row, for callers that must not let a file overwrite itself.
   */
  readonly duplicateIds?: DuplicateIdPolicy;
}

export type DuplicateIdPolicy = 'replace' | 'reject';

export const DEFAULT_CSV_BATCH_SIZE = 1000;
export const DEFAULT_MAX_REJECTED_RAW_LENGTH = 4096;

/** The header does not match the schema; lists every problem at once. */
export class CsvHeaderError extends Error {
  constructor(
    message: string,
    readonly missing: readonly string[] = [],
    readonly unknown: readonly string[] = [],
    readonly duplicate: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CsvHeaderError';
  }
}

const EXPECTED_COLUMNS = [ID_COLUMN, ...FEATURE_NAMES];
const MAX_NAMES_SHOWN = 20;

/** Column names for a message: ours as they are, others quoted; a header of junk yields a short message. */
function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES_SHOWN).map((name) => (EXPECTED_COLUMNS.includes(name) ? name : quoteRaw(name)));
  return names.length > MAX_NAMES_SHOWN ? `${shown.join(', ')} and ${names.length - MAX_NAMES_SHOWN} more` : shown.join(', ');
}

function readHeader(fields: readonly string[], line: number, problem: string | null): Int32Array {
  if (problem !== null) throw new CsvHeaderError(`CSV header (line ${line}) is malformed: ${problem}`);
  const names = fields.map((f) => f.trim());
  const seen = new Set<string>();
  const duplicate = new Set<string>();
  for (const name of names) (seen.has(name) ? duplicate : seen).add(name);
  const missing = EXPECTED_COLUMNS.filter((name) => !seen.has(name));
  const unknown = [...seen].filter((name) => !EXPECTED_COLUMNS.includes(name));
  if (missing.length + unknown.length + duplicate.size > 0) {
    const parts = [
      missing.length > 0 ? `missing columns: ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown columns: ${listNames(unknown)}` : '',
      duplicate.size > 0 ? `duplicate columns: ${listNames([...duplicate])}` : '',
    ].filter((part) => part !== '');
    throw new CsvHeaderError(
      `CSV header (line ${line}) does not match the customer schema — ${parts.join('; ')}. Expected ${EXPECTED_COLUMNS.join(',')} in any order.`,
      missing,
      unknown,
      [...duplicate],
    );
  }
  return Int32Array.from(names, (name) => (name === ID_COLUMN ? NOT_A_FEATURE : FEATURE_NAMES.indexOf(name)));
}

// A customer's features start as this shape (schema order, all missing), so every row object shares one layout.
const EMPTY_FEATURES: FeatureValues = Object.fromEntries(FEATURE_NAMES.map((name) => [name, null]));
const NOT_A_FEATURE = -1;

/**
 * Where the reader puts accepted customers: feature values arrive in schema order, NaN = missing. Two
 * forms share every validation rule: customer objects in batches (ingestion, streaming) and one dense
 * matrix (the fit, which would otherwise build an object per row only to copy it into a matrix).
 */
interface AcceptedCustomers {
  readonly size: number;
  customerIdAt(position: number): string;
  /** Appends, or overwrites the customer at `position` when given. */
  put(customerId: string, values: Float64Array, position?: number): void;
}

class CustomerList implements AcceptedCustomers {
  readonly customers: CustomerFeatures[] = [];

  get size(): number {
    return this.customers.length;
  }

  customerIdAt(position: number): string {
    return this.customers[position].customerId;
  }

  put(customerId: string, values: Float64Array, position = this.customers.length): void {
    const features: FeatureValues = { ...EMPTY_FEATURES };
    for (let f = 0; f < values.length; f++) if (values[f] === values[f]) features[FEATURE_NAMES[f]] = values[f];
    this.customers[position] = { customerId, features };
  }
}

const INITIAL_MATRIX_ROWS = 1024;

class CustomerMatrix implements AcceptedCustomers {
  readonly customerIds: string[] = [];
  private data = new Float64Array(INITIAL_MATRIX_ROWS * FEATURE_NAMES.length);

  get size(): number {
    return this.customerIds.length;
  }

  customerIdAt(position: number): string {
    return this.customerIds[position];
  }

  put(customerId: string, values: Float64Array, position = this.customerIds.length): void {
    const offset = position * values.length;
    if (offset + values.length > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, offset);
    this.customerIds[position] = customerId;
  }

  toMatrix(): Matrix {
    const cols = FEATURE_NAMES.length;
    return createMatrix(this.size, cols, this.data.slice(0, this.size * cols));
  }
}

interface ReadBatch<A extends AcceptedCustomers> {
  readonly accepted: A;
  readonly rejected: RejectedRow[];
  readonly warnings: CsvWarning[];
  readonly rowsRead: number;
}

/**
 * Turns CSV records into validated customers and cuts them into batches. Synchronous: the streaming
 * wrapper feeds it text and drains `ready` between chunks.
 *
 * Duplicate CUST_ID within a file: the later row wins, with a warning naming both lines. Inside one
 * batch the earlier customer is replaced, so a batch can be written with one bulk upsert; across
 * batches both are emitted in file order, and upserting in that order leaves the later row.
 */
class CustomerCsvReader<A extends AcceptedCustomers> implements CsvRecordHandler {
  readonly ready: ReadBatch<A>[] = [];
  private readonly splitter: CsvRecordSplitter;
  private readonly ids = new CustomerIdIndex();
  /** For each field position of the file: the index of its feature in FEATURES, or NOT_A_FEATURE for CUST_ID. */
  private featureAt: Int32Array | null = null;
  private rowsRead = 0;
  private rowsInBatch = 0;
  private accepted: A;
  private rejected: RejectedRow[] = [];
  private warnings: CsvWarning[] = [];
  /** Position + 1 in `accepted` of each customer id of the batch. */
  private batchPositions: CustomerIdIndex;
  // Per-row scratch state, reused across rows to keep allocation per row down to the customer itself.
  private readonly rowErrors: FieldError[] = [];
  private readonly rowWarnings: FeatureWarning[] = [];
  private customerId = '';
  private readonly values = new Float64Array(FEATURES.length);

  private readonly batchSize: number;
  private readonly duplicateIds: DuplicateIdPolicy;
  private readonly maxRejectedRawLength: number;

  constructor(
    private readonly newBatch: () => A,
    options: CustomerCsvOptions,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_CSV_BATCH_SIZE;
    this.duplicateIds = options.duplicateIds ?? 'replace';
    this.maxRejectedRawLength = options.maxRejectedRawLength ?? DEFAULT_MAX_REJECTED_RAW_LENGTH;
    for (const [name, value] of Object.entries({ batchSize: this.batchSize, maxRejectedRawLength: this.maxRejectedRawLength })) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
    this.splitter = new CsvRecordSplitter(this, options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH);
    this.accepted = newBatch();
    this.batchPositions = this.newPositions();
  }
  push(text: string): void {
    this.splitter.push(text);
  }

  end(): void {
    this.splitter.end();
    if (this.featureAt === null) throw new CsvHeaderError(`CSV is empty: expected a header line with ${EXPECTED_COLUMNS.join(',')}`, EXPECTED_COLUMNS);
    if (this.rowsInBatch > 0) this.flush();
  }

  onLine(text: string, start: number, end: number, line: number): void {
    const featureAt = this.featureAt;
    if (featureAt === null) {
      this.featureAt = readHeader(text.slice(start, end).split(','), line, null);
      return;
    }
    this.startRow();
    let fields = 0;
    for (let from = start; ; fields++) {
      let comma = text.indexOf(',', from);
      if (comma >= end) comma = -1;
      const to = comma === -1 ? end : comma;
      if (fields < featureAt.length) this.readCell(featureAt[fields], text, from, to);
      if (comma === -1) break;
      from = comma + 1;
    }
    fields++;
    this.endRow(line, text, start, end, fields === featureAt.length ? null : `expected ${featureAt.length} fields, found ${fields}`, end - start);
  }

  onFields(fields: string[], line: number, raw: string, problem: string | null, rawLength: number): void {
    const featureAt = this.featureAt;
    if (featureAt === null) {
      this.featureAt = readHeader(fields, line, problem);
      return;
    }
    this.startRow();
    if (problem === null && fields.length !== featureAt.length) problem = `expected ${featureAt.length} fields, found ${fields.length}`;
    if (problem === null) {
      for (let field = 0; field < featureAt.length; field++) this.readCell(featureAt[field], fields[field], 0, fields[field].length);
    } else {
      const idAt = featureAt.indexOf(NOT_A_FEATURE);
      if (idAt < fields.length) this.customerId = fields[idAt];
    }
    this.endRow(line, raw, 0, raw.length, problem, rawLength);
  }

  private startRow(): void {
    this.rowErrors.length = 0;
    this.rowWarnings.length = 0;
    this.customerId = '';
    this.values.fill(Number.NaN);
  }

  private readCell(feature: number, text: string, start: number, end: number): void {
    if (feature === NOT_A_FEATURE) {
      this.customerId = text.slice(start, end);
      const problem = customerIdProblem(this.customerId);
      if (problem !== null) this.rowErrors.push({ column: ID_COLUMN, reason: problem });
      return;
    }
    const spec = FEATURES[feature];
    let raw: number | string | null = null;
    if (end > start) {
      const parsed = parseDecimalAt(text, start, end);
      // Not a plain number: hand over the text, for blanks (missing) or for the error message.
      raw = Number.isNaN(parsed) ? text.slice(start, end) : parsed;
    }
    const value = normalizeFeatureValue(spec, raw, this.rowErrors, this.rowWarnings);
    if (value !== undefined && value !== null) this.values[feature] = value;
  }

  /** `text[start, end)` is the row as written (or its start, of `rawLength`), cut out only for a rejected row's report. */
  private endRow(line: number, text: string, start: number, end: number, problem: string | null, rawLength: number): void {
    this.rowsRead++;
    this.rowsInBatch++;
    const customerId = this.customerId;
    if (problem !== null || this.rowErrors.length > 0) {
      const errors = problem === null ? this.rowErrors.slice() : [{ column: null, reason: problem }];
      this.reject(line, customerId, errors, text.slice(start, end), rawLength);
    } else {
      const previousLine = this.ids.put(customerId, line, this.duplicateIds === 'reject');
      if (previousLine !== 0 && this.duplicateIds === 'reject') {
        const reason = `${ID_COLUMN}: duplicate customer id ${customerId}, first seen at line ${previousLine}`;
        this.reject(line, customerId, [{ column: ID_COLUMN, reason }], text.slice(start, end), rawLength);
      } else {
        for (const warning of this.rowWarnings) this.warnings.push({ ...warning, line, customerId });
        this.accept(customerId, line, previousLine);
      }
    }
    if (this.rowsInBatch >= this.batchSize) this.flush();
  }

  /** Reported as a person can read it and a database can store it, however hostile the row. */
  private reject(line: number, customerId: string, errors: FieldError[], text: string, rawLength: number): void {
    const raw = storableText(truncateText(text, this.maxRejectedRawLength));
    const shownId = customerId.length > MAX_CUSTOMER_ID_LENGTH ? `${truncateText(customerId, MAX_CUSTOMER_ID_LENGTH)}…` : customerId;
    this.rejected.push({ line, customerId: customerId === '' ? null : storableText(shownId), errors, raw, rawLength, rawTruncated: rawLength > raw.length });
  }

  private accept(customerId: string, line: number, previousLine: number): void {
    if (previousLine !== 0) {
      this.warnings.push({
        kind: 'duplicate-id',
        line,
        customerId,
        column: ID_COLUMN,
        previousLine,
        reason: `${ID_COLUMN}: ${customerId} already appeared on line ${previousLine}; this row (line ${line}) replaces it`,
      });
    }
    const earlier = this.batchPositions.put(customerId, this.accepted.size + 1, true) - 1;
    // The index knows ids by hash: only the same id (not a colliding one) is replaced.
    const replaces = earlier >= 0 && this.accepted.customerIdAt(earlier) === customerId;
    this.accepted.put(customerId, this.values, replaces ? earlier : undefined);
  }

  private flush(): void {
    this.ready.push({ accepted: this.accepted, rejected: this.rejected, warnings: this.warnings, rowsRead: this.rowsRead });
    this.accepted = this.newBatch();
    this.rejected = [];
    this.warnings = [];
    this.batchPositions = this.newPositions();
    this.rowsInBatch = 0;
  }

  private newPositions(): CustomerIdIndex {
    return new CustomerIdIndex(Math.min(this.batchSize, MAX_INITIAL_POSITIONS));
  }
}

// Sizes a batch's position index for the batch up front, within reason for "one batch of the whole text".
const MAX_INITIAL_POSITIONS = 1 << 12;

/**
 * Streams a customer CSV (`CUST_ID` + the 17 features, any column order) from text or UTF-8 bytes cut
 * anywhere, e.g. a Node Readable or an HTTP body, and yields validated batches so callers can
 * bulk-write. A header that does not match the schema throws a `CsvHeaderError` before any batch; any
 * other line, whatever its bytes (invalid UTF-8 is decoded to U+FFFD), is accepted or rejected as a row
 * and the file goes on (CsvRecordSplitter says how malformed quoting is resolved). Memory stays bounded by
 * the batch size and the longest record, not by the file.
 */
export async function* parseCustomerCsv(
  source: AsyncIterable<string | Uint8Array>,
  options: CustomerCsvOptions = {},
): AsyncGenerator<CustomerCsvBatch> {
  const reader = new CustomerCsvReader(() => new CustomerList(), options);
  const drain = (): CustomerCsvBatch[] => reader.ready.splice(0).map((batch) => ({ ...batch, accepted: batch.accepted.customers }));
  // `stream: true` keeps a multi-byte character cut between two chunks; a UTF-8 BOM is dropped.
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    yield* drain();
  }
  reader.push(decoder.decode());
  reader.end();
  yield* drain();
}

export interface CustomerCsvResult {
  readonly accepted: CustomerFeatures[];
  readonly rejected: RejectedRow[];
  readonly warnings: CsvWarning[];
  readonly rowsRead: number;
}

type WholeTextOptions = Pick<CustomerCsvOptions, 'maxRecordLength' | 'maxRejectedRawLength'>;

/** Reads a whole text as one batch, so a duplicate id leaves one customer. */
function readWholeText<A extends AcceptedCustomers>(text: string, accepted: A, options: WholeTextOptions): ReadBatch<A> {
  const reader = new CustomerCsvReader(() => accepted, { ...options, batchSize: Number.MAX_SAFE_INTEGER });
  reader.push(text);
  reader.end();
  return reader.ready[0] ?? { accepted, rejected: [], warnings: [], rowsRead: 0 };
}

/** The whole of a small CSV at once (a form upload, a test); one batch, so a duplicate id leaves one customer. */
export function parseCustomerCsvText(text: string, options: WholeTextOptions = {}): CustomerCsvResult {
  const batch = readWholeText(text, new CustomerList(), options);
  return { ...batch, accepted: batch.accepted.customers };
}

export interface CustomerCsvMatrixResult {
  /** The accepted customers' features in schema order (FEATURE_NAMES), NaN = missing: what `fitPreprocessor` takes. */
  readonly matrix: Matrix;
  /** The customer id of each matrix row. */
  readonly customerIds: string[];
  readonly rejected: RejectedRow[];
  readonly warnings: CsvWarning[];
  readonly rowsRead: number;
}

/**
 * `parseCustomerCsvText` straight into a feature matrix (the fit's path): the same validation, warnings,
 * rejected rows and duplicate handling, rows in the same order as `customersToMatrix(accepted)`, but
 * no object per customer.
 */
export function parseCustomerCsvToMatrix(text: string, options: WholeTextOptions = {}): CustomerCsvMatrixResult {
  const batch = readWholeText(text, new CustomerMatrix(), options);
  return { ...batch, matrix: batch.accepted.toMatrix(), customerIds: batch.accepted.customerIds };
}
