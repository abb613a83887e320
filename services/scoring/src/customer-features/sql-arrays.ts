/**
 * Array parameters in PostgreSQL's text form, built straight from typed arrays: a bulk statement binds one
 * array per column (unnest), so no per-row object or per-value conversion call is made.
 */

/** `{1.5,NULL,2}` for `$n::float8[]`; NaN is NULL (a missing feature). Column `col` of a row-major matrix when `stride` > 1. */
export function floatArrayLiteral(values: Float64Array, stride = 1, col = 0, rows = values.length / stride): string {
  const parts = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    const value = values[i * stride + col];
    parts[i] = value !== value ? 'NULL' : String(value);
  }
  return `{${parts.join(',')}}`;
}

/** `{0,3,1}` for `$n::int[]`. */
export function intArrayLiteral(values: Int32Array): string {
  return `{${values.join(',')}}`;
}

/** `{"C1","a\"b"}` for `$n::text[]`; elements are always quoted, so NULL or spaces in an id stay text. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
