import { DEFAULTS } from "../defaults";
import { ValidationError, checkBoolean, checkInteger } from "../errors";
import { pairwiseSum, type Matrix } from "../matrix";
import { RandomState } from "../random/random-state";
import type { MLPParams, MLPShape } from "./params";
import { sigmoid } from "./sigmoid";
import { SimdKernels } from "./simd";

export { paramShapes, PARAM_NAMES, type MLPParams, type MLPShape, type ParamName } from "./params";

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
export function initParams(shape: MLPShape, seed: number = DEFAULTS.seed): MLPParams {
  checkShape(shape);
  const rng = new RandomState(seed);
  const W1 = rng.randn(shape.nH, shape.nX).data.map((v) => v * 0.1);
  const W2 = rng.randn(shape.nY, shape.nH).data.map((v) => v * 0.1);
  return { W1, b1: new Float64Array(shape.nH), W2, b2: new Float64Array(shape.nY) };
}

/** Which loops a workspace runs: WebAssembly SIMD (./simd, two inputs, where the engine has it) or JavaScript. */
export type KernelKind = "simd" | "js";

export interface WorkspaceOptions {
  /** false: the JavaScript loops even where the SIMD kernels could run (the tests compare both). Default true. */
  readonly simd?: boolean;
}

/**
 * Every buffer one forward + backward pass needs, made once for m samples and reused each epoch.
 * Z1 is never stored: ReLU'(Z1) = [Z1 > 0] = [A1 > 0], and A1 is. With the SIMD kernels, A1, Z2, A2, dZ1 and dZ2
 * are views of their WebAssembly memory.
 */
export class Workspace {
  readonly shape: MLPShape;
  readonly m: number;
  readonly kernel: KernelKind;
  /** the SIMD kernels, when `kernel` is "simd" */
  readonly simd: SimdKernels | undefined;
  /** hidden activations, n_h rows of m samples (of m rounded up to even with the SIMD kernels) */
  readonly A1: Float64Array;
  /** output probabilities, 1 × m */
  readonly A2: Float64Array;
  /** W2·A1 accumulated one hidden unit at a time, then A2's pre-activation */
  readonly Z2: Float64Array;
  /** two rows of dZ1, for the two hidden units the backward pass takes at once (each row is summed pairwise for
   * db1, then the next pair reuses them); interleaved with the SIMD kernels */
  readonly dZ1: Float64Array;
  readonly dZ2: Float64Array;
  /** per-sample loss terms, summed the way numpy's mean sums them */
  readonly terms: Float64Array;
  readonly grads: MLPParams;
  /** set by `release`: the workspace's arrays may belong to another one now */
  private released = false;

  constructor(shape: MLPShape, m: number, options: WorkspaceOptions = {}) {
    this.shape = checkShape(shape);
    this.m = checkInteger("samples", m, 1);
    const { nX, nH, nY } = shape;
    const simd = checkBoolean("simd", options.simd ?? true);
    this.simd = nX === 2 && simd ? SimdKernels.create(nH, m) : undefined;
    this.kernel = this.simd ? "simd" : "js";
    this.A1 = this.simd?.A1 ?? new Float64Array(nH * m);
    this.Z2 = this.simd?.Z2 ?? new Float64Array(nY * m);
    this.dZ1 = this.simd?.dZ1 ?? new Float64Array(2 * m);
    this.dZ2 = this.simd?.dZ2 ?? new Float64Array(nY * m);
    this.A2 = this.simd?.A2 ?? new Float64Array(nY * m);
    this.terms = new Float64Array(nY * m);
    this.grads = {
      W1: new Float64Array(nH * nX),
      b1: new Float64Array(nH),
      W2: new Float64Array(nY * nH),
      b2: new Float64Array(nY),
    };
  }

  /**
   * Done with this workspace: its SIMD kernels go to the next workspace of the same size (`fit` releases its
   * network's at the end of a run). Its arrays must not be read after; `forward` and `backward` refuse it.
   */
  release(): void {
    if (!this.released) this.simd?.release();
    this.released = true;
  }

  /** throws if the workspace was released */
  checkLive(): void {
    if (this.released) throw new ValidationError("workspace", "released", "a workspace not yet released (make a new one)");
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
 * np.maximum(0, z) without a data-dependent branch (a mispredicted branch per element costs more than the rest of
 * the forward pass): z + |z| is exactly 2z or +0, and halving it is exact, so this equals max(0, z) bit for bit,
 * NaN stays NaN and −0 gives +0. Where that sum is not finite (z ≥ 2¹⁰²³ overflows, −∞ + ∞ is NaN, and NaN) the
 * (never mispredicted) guard takes Math.max(0, z), which is z, 0 and NaN there.
 */
function relu(z: number): number {
  const a = (z + Math.abs(z)) * 0.5;
  return a < Infinity ? a : Math.max(0, z);
}

/**
 * Forward pass: Z1 = W1·X + b1, A1 = ReLU(Z1), A2 = σ(W2·A1 + b2), with the original's clip of z to ±500.
 * One sweep over the samples per hidden unit (four units per sweep for two inputs) computes their activations and
 * adds their share of W2·A1, so A1 is written once and read once. Every sum is taken in the same order as the
 * straightforward loops (features, then the bias; hidden units in order, then the bias), so the results are
 * bit-identical to them (test/reference.test.ts). With two inputs the hidden layer runs in WebAssembly SIMD
 * (./simd, the same order in each lane) where the engine has it, and so does σ, with a port of the engine's
 * Math.exp, where it gives the same numbers. Fills `ws.A1`, `ws.A2`; returns `ws.A2`.
 */
export function forward(p: MLPParams, X: Matrix, ws: Workspace): Float64Array {
  ws.checkLive();
  const b2 = p.b2[0]!;
  if (ws.simd) {
    ws.simd.forward(p, X.data);
    if (ws.simd.output(b2)) return ws.A2;
  } else hiddenLayer(p, X, ws);
  const { A2, Z2 } = ws;
  for (let j = 0; j < ws.m; j++) A2[j] = sigmoid(Z2[j]! + b2);
  return A2;
}

/** A1 = ReLU(W1·X + b1) and Z2 = W2·A1, in JavaScript (see `forward`). */
function hiddenLayer(p: MLPParams, X: Matrix, ws: Workspace): void {
  const { nX, nH } = ws.shape;
  const m = ws.m;
  const x = X.data;
  const { A1, Z2 } = ws;
  const W1 = p.W1;
  const W2 = p.W2;
  // W2·A1 is accumulated one hidden unit at a time from 0: 0 + w2·a equals w2·a except for the sign of a zero,
  // which 1/(1 + exp(−z)) does not see
  Z2.fill(0);
  let h = 0;
  if (nX === 2) {
    // four hidden units per sweep: x is read once for all four, and Z2[j] gets unit h's term, then h + 1's, …, in
    // the order of the one-unit loop below
    for (; h + 3 < nH; h += 4) {
      const r = h * m;
      const k = 2 * h;
      const wa0 = W1[k]!, wa1 = W1[k + 1]!, wb0 = W1[k + 2]!, wb1 = W1[k + 3]!;
      const wc0 = W1[k + 4]!, wc1 = W1[k + 5]!, wd0 = W1[k + 6]!, wd1 = W1[k + 7]!;
      const ba = p.b1[h]!, bb = p.b1[h + 1]!, bc = p.b1[h + 2]!, bd = p.b1[h + 3]!;
      const w2a = W2[h]!, w2b = W2[h + 1]!, w2c = W2[h + 2]!, w2d = W2[h + 3]!;
      for (let j = 0; j < m; j++) {
        const x0 = x[j]!;
        const x1 = x[m + j]!;
        let za = wa0 * x0;
        let zb = wb0 * x0;
        let zc = wc0 * x0;
        let zd = wd0 * x0;
        za += wa1 * x1;
        zb += wb1 * x1;
        zc += wc1 * x1;
        zd += wd1 * x1;
        const aa = relu(za + ba);
        const ab = relu(zb + bb);
        const ac = relu(zc + bc);
        const ad = relu(zd + bd);
        A1[r + j] = aa;
        A1[r + m + j] = ab;
        A1[r + 2 * m + j] = ac;
        A1[r + 3 * m + j] = ad;
        Z2[j] = Z2[j]! + w2a * aa + w2b * ab + w2c * ac + w2d * ad;
      }
    }
  }
  for (; h < nH; h++) {
    const row = h * m;
    const b = p.b1[h]!;
    const w2 = W2[h]!;
    const w0 = W1[h * nX]!;
    if (nX === 2) {
      const w1 = W1[h * nX + 1]!;
      for (let j = 0; j < m; j++) {
        let z = w0 * x[j]!;
        z += w1 * x[m + j]!;
        z += b;
        const a = relu(z);
        A1[row + j] = a;
        Z2[j] = Z2[j]! + w2 * a;
      }
    } else {
      for (let j = 0; j < m; j++) {
        let z = w0 * x[j]!;
        for (let k = 1; k < nX; k++) z += W1[h * nX + k]! * x[k * m + j]!;
        z += b;
        const a = relu(z);
        A1[row + j] = a;
        Z2[j] = Z2[j]! + w2 * a;
      }
    }
  }
}

/**
 * Binary cross-entropy with the original's 1e-8 guards: −mean(Y·log(A2 + 1e-8) + (1 − Y)·log(1 − A2 + 1e-8)).
 * Labels are 0 or 1 (checked by `checkData`), so only one log per sample is taken: the other term is 0·(finite) =
 * ±0, and adding ±0 leaves the sum bit for bit as the two-log formula computes it.
 */
export function bceLoss(Y: Matrix, A2: Float64Array, terms: Float64Array = new Float64Array(A2.length)): number {
  const y = Y.data;
  for (let j = 0; j < A2.length; j++) {
    const a = A2[j]!;
    terms[j] = y[j] === 1 ? Math.log(a + 1e-8) : Math.log(1 - a + 1e-8);
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
 * dZ1 = (W2ᵀ·dZ2) ⊙ [Z1 > 0], dW1 = dZ1·Xᵀ/m, db1 = Σ dZ1/m. One sweep over the samples per hidden unit (two
 * units per sweep for two inputs: six independent sums instead of three) produces their dW2 entries, dZ1 rows and
 * dW1 rows, each sum in sample order as before. With the SIMD kernels (see `forward`) the two units of a sweep
 * are the two lanes. Fills and returns `ws.grads`.
 */
export function backward(p: MLPParams, X: Matrix, Y: Matrix, ws: Workspace): MLPParams {
  const { nX, nH } = ws.shape;
  const m = ws.m;
  const invM = 1 / m;
  const x = X.data;
  const y = Y.data;
  ws.checkLive();
  const { A1, A2, dZ1, dZ2, grads } = ws;
  for (let j = 0; j < m; j++) dZ2[j] = A2[j]! - y[j]!;
  grads.b2[0] = invM * pairwiseSum(dZ2, 0, m);
  if (ws.simd) {
    ws.simd.backward(p, x, grads, invM);
    return grads;
  }
  let h = 0;
  if (nX === 2) {
    // two hidden units per sweep: A1's rows, dZ2 and x read once for both; each of the six sums in sample order
    for (; h + 1 < nH; h += 2) {
      const rowA = h * m;
      const rowB = rowA + m;
      const w2a = p.W2[h]!;
      const w2b = p.W2[h + 1]!;
      let s2a = 0, s0a = 0, s1a = 0, s2b = 0, s0b = 0, s1b = 0;
      for (let j = 0; j < m; j++) {
        const aa = A1[rowA + j]!;
        const ab = A1[rowB + j]!;
        const d2 = dZ2[j]!;
        const x0 = x[j]!;
        const x1 = x[m + j]!;
        s2a += d2 * aa;
        s2b += d2 * ab;
        const d1a = w2a * d2 * +(aa > 0);
        const d1b = w2b * d2 * +(ab > 0);
        dZ1[j] = d1a;
        dZ1[m + j] = d1b;
        s0a += d1a * x0;
        s1a += d1a * x1;
        s0b += d1b * x0;
        s1b += d1b * x1;
      }
      grads.W1[h * 2] = invM * s0a;
      grads.W1[h * 2 + 1] = invM * s1a;
      grads.W1[h * 2 + 2] = invM * s0b;
      grads.W1[h * 2 + 3] = invM * s1b;
      grads.W2[h] = invM * s2a;
      grads.W2[h + 1] = invM * s2b;
      grads.b1[h] = invM * pairwiseSum(dZ1, 0, m);
      grads.b1[h + 1] = invM * pairwiseSum(dZ1, m, m);
    }
  }
  for (; h < nH; h++) {
    const row = h * m;
    const w2 = p.W2[h]!;
    let s2 = 0;
    if (nX === 2) {
      let s0 = 0;
      let s1 = 0;
      for (let j = 0; j < m; j++) {
        const a = A1[row + j]!;
        const d2 = dZ2[j]!;
        s2 += d2 * a;
        const d1 = w2 * d2 * +(a > 0); // ReLU'(Z1) = [A1 > 0], converted without a branch
        dZ1[j] = d1;
        s0 += d1 * x[j]!;
        s1 += d1 * x[m + j]!;
      }
      grads.W1[h * 2] = invM * s0;
      grads.W1[h * 2 + 1] = invM * s1;
    } else {
      for (let j = 0; j < m; j++) {
        const a = A1[row + j]!;
        const d2 = dZ2[j]!;
        s2 += d2 * a;
        dZ1[j] = w2 * d2 * +(a > 0);
      }
      for (let k = 0; k < nX; k++) {
        let s = 0;
        const xrow = k * m;
        for (let j = 0; j < m; j++) s += dZ1[j]! * x[xrow + j]!;
        grads.W1[h * nX + k] = invM * s;
      }
    }
    grads.W2[h] = invM * s2;
    grads.b1[h] = invM * pairwiseSum(dZ1, 0, m);
  }
  return grads;
}
