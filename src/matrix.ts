/** Row-major float64 matrices and the few numpy reductions whose exact summation order matters for parity. */
import { ValidationError } from "./errors";

/** A row-major float64 matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Nested arrays in numpy's shape (what `ndarray.tolist()` gives). */
export function toNested(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function fromNested(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new RangeError(`ragged nested array: row ${i} has ${row.length} values, row 0 has ${c}`);
    data.set(row, i * c);
  });
  return { rows: r, cols: c, data };
}

const PW_BLOCKSIZE = 128;

/**
 * numpy's pairwise summation (`pairwise_sum_DOUBLE`, used by `np.sum` and `np.mean` along a contiguous axis):
 * eight running sums in blocks of up to 128 values, halves above that. Same order → same bits as numpy.
 */
export function pairwiseSum(a: Float64Array, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = a[start]!, r1 = a[start + 1]!, r2 = a[start + 2]!, r3 = a[start + 3]!;
    let r4 = a[start + 4]!, r5 = a[start + 5]!, r6 = a[start + 6]!, r7 = a[start + 7]!;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const p = start + i;
      r0 += a[p]!; r1 += a[p + 1]!; r2 += a[p + 2]!; r3 += a[p + 3]!;
      r4 += a[p + 4]!; r5 += a[p + 5]!; r6 += a[p + 6]!; r7 += a[p + 7]!;
    }
    let res = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** `np.linspace(start, stop, num)` computed as numpy does: `i * step + start`, the last value set to `stop`. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  else if (num === 1) out[0] = start;
  return out;
}

/*
 * Readable matrix operations, one loop each, for code that is read rather than run fast (src/nn/reference.ts).
 * They allocate their result. Sums run in index order from 0; `sumRows` and `mean` sum pairwise, as numpy does.
 */

/** A matrix of the same shape, each element `f(value, row, col)`. */
export function map(a: Matrix, f: (v: number, i: number, j: number) => number): Matrix {
  const out = zeros(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j] = f(a.data[i * a.cols + j]!, i, j);
  return out;
}

function sameShape(a: Matrix, b: Matrix, op: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError(`${op}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
}

/** Element-wise `f(a, b)` of two matrices of the same shape. */
export function zip(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  sameShape(a, b, "zip");
  return map(a, (x, i, j) => f(x, b.data[i * b.cols + j]!));
}

/** The matrix product a·b (numpy's `a @ b`). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}×${a.cols} @ ${b.rows}×${b.cols}`);
  const out = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k]! * b.data[k * b.cols + j]!;
      out.data[i * b.cols + j] = s;
    }
  }
  return out;
}

/** aᵀ (numpy's `a.T`). */
export function transpose(a: Matrix): Matrix {
  const out = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return out;
}

/** a + b, where b is a column added to every column of a (numpy's broadcasting of an n×1 bias). */
export function addColumn(a: Matrix, b: Matrix): Matrix {
  if (b.rows !== a.rows || b.cols !== 1) throw new RangeError(`addColumn: ${a.rows}×${a.cols} + ${b.rows}×${b.cols}`);
  return map(a, (v, i) => v + b.data[i]!);
}

/** k·a. */
export function scale(k: number, a: Matrix): Matrix {
  return map(a, (v) => k * v);
}

/** The sum of each row, as a column (numpy's `np.sum(a, axis=1, keepdims=True)`, pairwise). */
export function sumRows(a: Matrix): Matrix {
  const out = zeros(a.rows, 1);
  for (let i = 0; i < a.rows; i++) out.data[i] = pairwiseSum(a.data, i * a.cols, a.cols);
  return out;
}

/** The mean of all elements (numpy's `np.mean`, pairwise). */
export function mean(a: Matrix): number {
  return pairwiseSum(a.data) / a.data.length;
}

/** numpy's `a.shape` as Python prints it: "(2, 300)". */
export function shapeOf(a: Matrix): string {
  return `(${a.rows}, ${a.cols})`;
}

/** The largest |a[i] − b[i]| of two arrays of the same length (NaN where either holds NaN). */
export function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new ValidationError("b.length", b.length, `${a.length}, the length of a`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}
