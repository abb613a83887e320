import { solveAssignment } from './hungarian';

function bruteForceMinimum(cost: number[][]): number {
  const rows = cost.length;
  const cols = cost[0].length;
  let best = Infinity;
  // Assign each row of the smaller side a distinct column of the larger one.
  const transposed = rows > cols;
  const a = transposed ? cols : rows;
  const b = transposed ? rows : cols;
  const at = (i: number, j: number) => (transposed ? cost[j][i] : cost[i][j]);
  const used = new Array<boolean>(b).fill(false);
  const search = (i: number, total: number) => {
    if (i === a) {
      best = Math.min(best, total);
      return;
    }
    for (let j = 0; j < b; j++) {
      if (used[j]) continue;
      used[j] = true;
      search(i + 1, total + at(i, j));
      used[j] = false;
    }
  };
  search(0, 0);
  return best;
}

describe(solveAssignment.name, () => {
  it('should find the optimal assignment when given a known square example', () => {
    const { rowToColumn, totalCost } = solveAssignment([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(Array.from(rowToColumn)).toEqual([1, 0, 2]);
    expect(totalCost).toBe(5);
  });

  it('should leave the costliest row unassigned when there are more rows than columns', () => {
    const { rowToColumn, totalCost } = solveAssignment([[1, 9], [9, 1], [5, 5]]);
    expect(Array.from(rowToColumn)).toEqual([0, 1, -1]);
    expect(totalCost).toBe(2);
  });

  it('should give every row a distinct column when there are more columns than rows', () => {
    const { rowToColumn, totalCost } = solveAssignment([[7, 3, 9, 1], [8, 2, 9, 1]]);
    expect(Array.from(rowToColumn)).toEqual([3, 1]);
    expect(totalCost).toBe(3);
  });

  it('should handle negative costs when maximising a score by negating it', () => {
    const scores = [[0.2, 1.3], [1.1, 0.9]];
    expect(Array.from(solveAssignment(scores.map((r) => r.map((s) => -s))).rowToColumn)).toEqual([1, 0]);
  });

  it('should match a brute-force search when given random small matrices', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 300; trial++) {
      const rows = 1 + Math.floor(random() * 6);
      const cols = 1 + Math.floor(random() * 6);
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(random() * 100) / 10 - 3));
      const { rowToColumn, totalCost } = solveAssignment(cost);
      const assigned = Array.from(rowToColumn).filter((c) => c !== -1);
      expect(assigned).toHaveLength(Math.min(rows, cols));
      expect(new Set(assigned).size).toBe(assigned.length);
      expect(totalCost).toBeCloseTo(bruteForceMinimum(cost), 9);
    }
  });

  it('should return an empty assignment when the matrix is empty', () => {
    expect(solveAssignment([])).toEqual({ rowToColumn: new Int32Array(0), totalCost: 0 });
  });

  it('should reject the matrix when it is ragged or holds a non-finite cost', () => {
    expect(() => solveAssignment([[1, 2], [3]])).toThrow('cost matrix row 1 has 1 values, expected 2');
    expect(() => solveAssignment([[1, Infinity]])).toThrow('cost matrix value at (0, 1) is not finite (Infinity)');
  });
});
