/**
 * A dense row-major matrix of doubles. The ML hot loops work on this, not on `number[][]`:
 * one contiguous allocation, no per-row objects, and cheap to hand to worker threads.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const values = data ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols) {
    throw new RangeError(`matrix data has ${values.length} values, expected ${rows}×${cols}`);
  }
  return { rows, cols, data: values };
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows.length > 0 ? rows[0].length : 0;
  const m = createMatrix(rows.length, cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`row ${i} has ${row.length} values, expected ${cols}`);
    m.data.set(row, i * cols);
  });
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/**
 * A matrix whose storage is a SharedArrayBuffer, so worker threads read it without a copy
 * (the K-Means and silhouette workers need this to stay within 2x the feature matrix in memory).
 */
export function createSharedMatrix(rows: number, cols: number): Matrix {
  return createMatrix(rows, cols, new Float64Array(new SharedArrayBuffer(rows * cols * Float64Array.BYTES_PER_ELEMENT)));
}

export function isShared(m: Matrix): boolean {
  return m.data.buffer instanceof SharedArrayBuffer;
}

/** The same values in shared storage; returns `m` itself when it is shared already. */
export function toShared(m: Matrix): Matrix {
  if (isShared(m)) return m;
  const shared = createSharedMatrix(m.rows, m.cols);
  shared.data.set(m.data);
  return shared;
}

/** The rows at `indices`, in that order, as a new matrix. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, m.cols);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols);
  }
  return out;
}
