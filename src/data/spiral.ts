import { DEFAULTS } from "../defaults";
import { ValidationError, checkInteger, checkNonNegative } from "../errors";
import { linspace, type Matrix } from "../matrix";
import { RandomState } from "../random/random-state";

export interface SpiralOptions {
  /** Total number of points, split evenly between the two arms (default 300). */
  readonly samples?: number;
  /** Standard deviation of the gaussian noise added to every coordinate (default 0.1). */
  readonly noise?: number;
  /** Seed of the numpy-compatible stream (default 42, as the original hard-codes). */
  readonly seed?: number;
}

export interface Dataset {
  /** Features, 2 × m (one column per sample), like the original's `X`. */
  readonly X: Matrix;
  /** Labels 0/1, 1 × m, like the original's `Y`. */
  readonly Y: Matrix;
}

/**
 * The original's `generate_spiral_data`: two interleaved spirals (the second turned by π), r from 0.5 to 2 over
 * two turns, gaussian noise, then a shuffle of the columns. Same seed → the same numbers as numpy.
 */
export function generateSpiralData(options: SpiralOptions = {}): Dataset {
  const m = checkInteger("samples", options.samples ?? DEFAULTS.samples, 2);
  const noise = checkNonNegative("noise", options.noise ?? DEFAULTS.noise);
  const rng = new RandomState(options.seed ?? DEFAULTS.seed);
  if (m % 2 !== 0) {
    // The original builds 2·(m//2) columns and then shuffles with permutation(m): numpy raises IndexError.
    throw new ValidationError("samples", m, "an even integer >= 2 (each spiral arm gets samples/2 points)");
  }
  const half = m / 2;
  const theta = linspace(0, 4 * Math.PI, half);
  const r = linspace(0.5, 2, half);

  const X = new Float64Array(2 * m);
  for (let i = 0; i < half; i++) {
    const t = theta[i]!;
    const ri = r[i]!;
    const tRot = t + Math.PI;
    X[i] = ri * Math.cos(t);
    X[m + i] = ri * Math.sin(t);
    X[half + i] = ri * Math.cos(tRot);
    X[m + half + i] = ri * Math.sin(tRot);
  }
  const Y = new Float64Array(m);
  Y.fill(1, half);

  // X += randn(*X.shape) * noise: row 0 first, then row 1
  for (let k = 0; k < 2 * m; k++) X[k] = X[k]! + rng.standardNormal() * noise;

  const idx = rng.permutation(m);
  const Xs = new Float64Array(2 * m);
  const Ys = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const src = idx[j]!;
    Xs[j] = X[src]!;
    Xs[m + j] = X[m + src]!;
    Ys[j] = Y[src]!;
  }
  return { X: { rows: 2, cols: m, data: Xs }, Y: { rows: 1, cols: m, data: Ys } };
}
