export interface Assignment {
  /** For each row, its column, or -1 when there are more rows than columns and this row got none. */
  readonly rowToColumn: Int32Array;
  readonly totalCost: number;
}

/**
 * Minimum-cost assignment on a rectangular cost matrix (Kuhn–Munkres with potentials, O(n²·m) for
 * n ≤ m): every row gets a distinct column when rows ≤ columns, otherwise every column a distinct row.
 * Costs must be finite; to forbid a pair, give it a cost larger than any real solution.
 */
export function solveAssignment(cost: readonly (readonly number[])[]): Assignment {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0].length;
  cost.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`cost matrix row ${i} has ${row.length} values, expected ${cols}`);
    row.forEach((c, j) => {
      if (!Number.isFinite(c)) throw new RangeError(`cost matrix value at (${i}, ${j}) is not finite (${c})`);
    });
  });
  if (rows <= cols) return finish(cost, minimiseRowsToColumns(cost, rows, cols));
  const transposed = Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => cost[i][j]));
  const columnToRow = minimiseRowsToColumns(transposed, cols, rows);
  const rowToColumn = new Int32Array(rows).fill(-1);
  columnToRow.forEach((row, column) => {
    rowToColumn[row] = column;
  });
  return finish(cost, rowToColumn);
}

function finish(cost: readonly (readonly number[])[], rowToColumn: Int32Array): Assignment {
  let totalCost = 0;
  rowToColumn.forEach((column, row) => {
    if (column !== -1) totalCost += cost[row][column];
  });
  return { rowToColumn, totalCost };
}

/** The classic shortest-augmenting-path formulation, 1-based with a virtual row/column 0; needs n ≤ m. */
function minimiseRowsToColumns(a: readonly (readonly number[])[], n: number, m: number): Int32Array {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfColumn[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfColumn[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j] === 1) continue;
        const reduced = a[i0 - 1][j - 1] - u[i0] - v[j];
        if (reduced < minv[j]) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j] === 1) {
          u[rowOfColumn[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (rowOfColumn[j0] !== 0);
    do {
      const j1 = way[j0];
      rowOfColumn[j0] = rowOfColumn[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToColumn = new Int32Array(n).fill(-1);
  for (let j = 1; j <= m; j++) {
    if (rowOfColumn[j] !== 0) rowToColumn[rowOfColumn[j] - 1] = j - 1;
  }
  return rowToColumn;
}
