import { ValidationError, checkInteger } from "../errors";
import { pairwiseSum, type Matrix } from "../matrix";
import { RandomState } from "../random/random-state";

/** Layer sizes: input n_x → hidden n_h (ReLU) → output n_y (sigmoid). */
export interface MLPShape {
  readonly nX: number;
  readonly nH: number;
  readonly nY: number;
}

export const PARAM_NAMES = ["W1", "b1", "W2", "b2"] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

/** The four parameter arrays, row-major: W1 n_h×n_x, b1 n_h×1, W2 n_y×n_h, b2 n_y×1. */
export type MLPParams = Record<ParamName, Float64Array>;

export function paramShapes(shape: MLPShape): Record<ParamName, readonly [number, number]> {
  return { W1: [shape.nH, shape.nX], b1: [shape.nH, 1], W2: [shape.nY, shape.nH], b2: [shape.nY, 1] };
}

export function checkShape(shape: MLPShape): MLPShape {
  checkInteger("nX", shape.nX, 1);
  checkInteger("hidden", shape.nH, 1);
  // binary classification, as in the original: its mean BCE and its 1/m gradient agree only for one output
  checkInteger("nY", shape.nY, 1, 1);
  return shape;
}

/**
 * The original's initialisation: reseed, draw W1 then W2 as `randn * 0.1`, biases at zero.
 * Every model built with the same seed starts from the same weights, whichever optimizer trains it.
 */
export function initParams(shape: MLPShape, seed = 42): MLPParams {
  checkShape(shape);
  const rng = new RandomState(seed);
  const W1 = rng.randn(shape.nH, shape.nX).data.map((v) => v * 0.1);
  const W2 = rng.randn(shape.nY, shape.nH).data.map((v) => v * 0.1);
  return { W1, b1: new Float64Array(shape.nH), W2, b2: new Float64Array(shape.nY) };
}

/** Every buffer one forward + backward pass needs, made once for m samples and reused each epoch. */
export class Workspace {
  readonly shape: MLPShape;
  readonly m: number;
  readonly Z1: Float64Array;
  readonly A1: Float64Array;
  readonly A2: Float64Array;
  readonly dZ1: Float64Array;
  readonly dZ2: Float64Array;
  /** per-sample loss terms, summed the way numpy's mean sums them */
  readonly terms: Float64Array;
  readonly grads: MLPParams;

  constructor(shape: MLPShape, m: number) {
    this.shape = checkShape(shape);
    this.m = checkInteger("samples", m, 1);
    const { nH, nY } = shape;
    this.Z1 = new Float64Array(nH * m);
    this.A1 = new Float64Array(nH * m);
    this.A2 = new Float64Array(nY * m);
    this.dZ1 = new Float64Array(nH * m);
    this.dZ2 = new Float64Array(nY * m);
    this.terms = new Float64Array(nY * m);
    this.grads = {
      W1: new Float64Array(nH * shape.nX),
      b1: new Float64Array(nH),
      W2: new Float64Array(nY * nH),
      b2: new Float64Array(nY),
    };
  }
}

/** Check that X (n_x × m) and Y (n_y × m) fit the network: shapes, finiteness, labels in {0, 1}. */
export function checkData(shape: MLPShape, X: Matrix, Y: Matrix): void {
  if (X.cols === 0) throw new ValidationError("X", `${X.rows}x${X.cols}`, "at least one sample (column)");
  if (X.rows !== shape.nX) throw new ValidationError("X.rows", X.rows, `${shape.nX} (the network's input size)`);
  if (Y.rows !== shape.nY) throw new ValidationError("Y.rows", Y.rows, `${shape.nY} (the network's output size)`);
  if (Y.cols !== X.cols) throw new ValidationError("Y.cols", Y.cols, `${X.cols} (one label per column of X)`);
  if (X.data.length !== X.rows * X.cols) throw new ValidationError("X.data.length", X.data.length, `${X.rows * X.cols}`);
  if (Y.data.length !== Y.rows * Y.cols) throw new ValidationError("Y.data.length", Y.data.length, `${Y.rows * Y.cols}`);
  X.data.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new ValidationError(`X[${Math.floor(i / X.cols)}][${i % X.cols}]`, v, "a finite number");
  });
  Y.data.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new ValidationError(`Y[${Math.floor(i / Y.cols)}][${i % Y.cols}]`, v, "a label 0 or 1");
  });
}

/**
 * Forward pass: Z1 = W1·X + b1, A1 = ReLU(Z1), A2 = σ(W2·A1 + b2), with the original's clip of z to ±500.
 * Fills `ws.Z1`, `ws.A1`, `ws.A2` and returns `ws.A2` (n_y × m).
 */
export function forward(p: MLPParams, X: Matrix, ws: Workspace): Float64Array {
  const { nX, nH, nY } = ws.shape;
  const m = ws.m;
  const x = X.data;
  const { Z1, A1, A2 } = ws;
  for (let h = 0; h < nH; h++) {
    const row = h * m;
    const b = p.b1[h]!;
    for (let j = 0; j < m; j++) {
      let z = p.W1[h * nX]! * x[j]!;
      for (let k = 1; k < nX; k++) z += p.W1[h * nX + k]! * x[k * m + j]!;
      z += b;
      Z1[row + j] = z;
      A1[row + j] = z > 0 ? z : z === z ? 0 : z; // np.maximum(0, z): NaN stays NaN
    }
  }
  for (let o = 0; o < nY; o++) {
    const row = o * m;
    const b = p.b2[o]!;
    for (let j = 0; j < m; j++) {
      let z = p.W2[o * nH]! * A1[j]!;
      for (let h = 1; h < nH; h++) z += p.W2[o * nH + h]! * A1[h * m + j]!;
      z += b;
      const clipped = z < -500 ? -500 : z > 500 ? 500 : z;
      A2[row + j] = 1 / (1 + Math.exp(-clipped));
    }
  }
  return A2;
}

/** Binary cross-entropy with the original's 1e-8 guards: −mean(Y·log(A2 + 1e-8) + (1 − Y)·log(1 − A2 + 1e-8)). */
export function bceLoss(Y: Matrix, A2: Float64Array, terms: Float64Array = new Float64Array(A2.length)): number {
  const y = Y.data;
  for (let j = 0; j < A2.length; j++) {
    const a = A2[j]!;
    const yj = y[j]!;
    terms[j] = yj * Math.log(a + 1e-8) + (1 - yj) * Math.log(1 - a + 1e-8);
  }
  return -(pairwiseSum(terms, 0, A2.length) / A2.length);
}

/** Share of predictions (A2 > 0.5) equal to the labels. */
export function accuracy(Y: Matrix, A2: Float64Array): number {
  const y = Y.data;
  let correct = 0;
  for (let j = 0; j < A2.length; j++) if ((A2[j]! > 0.5 ? 1 : 0) === y[j]) correct++;
  return correct / A2.length;
}

/**
 * Backward pass for the forward pass just run on the same `ws`: dZ2 = A2 − Y, dW2 = dZ2·A1ᵀ/m, db2 = Σ dZ2/m,
 * dZ1 = (W2ᵀ·dZ2) ⊙ [Z1 > 0], dW1 = dZ1·Xᵀ/m, db1 = Σ dZ1/m. Fills and returns `ws.grads`.
 */
export function backward(p: MLPParams, X: Matrix, Y: Matrix, ws: Workspace): MLPParams {
  const { nX, nH, nY } = ws.shape;
  const m = ws.m;
  const invM = 1 / m;
  const x = X.data;
  const y = Y.data;
  const { Z1, A1, A2, dZ1, dZ2, grads } = ws;
  for (let k = 0; k < nY * m; k++) dZ2[k] = A2[k]! - y[k]!;
  for (let o = 0; o < nY; o++) {
    const row = o * m;
    for (let h = 0; h < nH; h++) {
      let s = 0;
      const hrow = h * m;
      for (let j = 0; j < m; j++) s += dZ2[row + j]! * A1[hrow + j]!;
      grads.W2[o * nH + h] = invM * s;
    }
    grads.b2[o] = invM * pairwiseSum(dZ2, row, m);
  }
  for (let h = 0; h < nH; h++) {
    const row = h * m;
    for (let j = 0; j < m; j++) {
      let dA = p.W2[h]! * dZ2[j]!;
      for (let o = 1; o < nY; o++) dA += p.W2[o * nH + h]! * dZ2[o * m + j]!;
      dZ1[row + j] = dA * (Z1[row + j]! > 0 ? 1 : 0);
    }
    for (let k = 0; k < nX; k++) {
      let s = 0;
      const xrow = k * m;
      for (let j = 0; j < m; j++) s += dZ1[row + j]! * x[xrow + j]!;
      grads.W1[h * nX + k] = invM * s;
    }
    grads.b1[h] = invM * pairwiseSum(dZ1, row, m);
  }
  return grads;
}
