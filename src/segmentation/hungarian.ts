/**
 * Minimum-cost assignment (Hungarian method, Kuhn–Munkres with potentials, O(r²·c)) for a
 * rectangular cost matrix given as rows of equal length. Returns, per row, the column it is
 * assigned to; when there are more rows than columns the rows left over get -1. Every column is
 * used at most once and the total cost of the assigned pairs is the smallest possible.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const cols = cost[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return new Array<number>(rows).fill(-1);
  for (const [i, row] of cost.entries()) {
    if (row.length !== cols) throw new RangeError(`cost row ${i} has ${row.length} columns, expected ${cols}`);
    for (const value of row) if (!Number.isFinite(value)) throw new RangeError(`cost row ${i} holds ${value}; costs must be finite`);
  }
  // The method below needs rows ≤ columns: solve the transpose otherwise.
  if (rows > cols) {
    const transposed = Array.from({ length: cols }, (_, j) => cost.map((row) => row[j]!));
    const columnOfRow = new Array<number>(rows).fill(-1);
    hungarian(transposed).forEach((row, column) => { columnOfRow[row] = column; });
    return columnOfRow;
  }
  // 1-based arrays with slot 0 as the virtual start column, as in the textbook formulation.
  const rowPotential = new Float64Array(rows + 1);
  const colPotential = new Float64Array(cols + 1);
  const rowOfCol = new Int32Array(cols + 1);
  const previousCol = new Int32Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    rowOfCol[0] = i;
    let col = 0;
    const minSlack = new Float64Array(cols + 1).fill(Infinity);
    const visited = new Uint8Array(cols + 1);
    do {
      visited[col] = 1;
      const row = rowOfCol[col]!;
      let delta = Infinity;
      let nextCol = 0;
      for (let j = 1; j <= cols; j++) {
        if (visited[j]) continue;
        const slack = cost[row - 1]![j - 1]! - rowPotential[row]! - colPotential[j]!;
        if (slack < minSlack[j]!) {
          minSlack[j] = slack;
          previousCol[j] = col;
        }
        if (minSlack[j]! < delta) {
          delta = minSlack[j]!;
          nextCol = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (visited[j]) {
          rowPotential[rowOfCol[j]!]! += delta;
          colPotential[j]! -= delta;
        } else {
          minSlack[j]! -= delta;
        }
      }
      col = nextCol;
    } while (rowOfCol[col] !== 0);
    // Flip the augmenting path back to the start.
    do {
      const from = previousCol[col]!;
      rowOfCol[col] = rowOfCol[from]!;
      col = from;
    } while (col !== 0);
  }
  const columnOfRow = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (rowOfCol[j]! > 0) columnOfRow[rowOfCol[j]! - 1] = j - 1;
  return columnOfRow;
}
