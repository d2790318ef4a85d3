import { ValidationError, checkInteger, checkPositive, checkUnitInterval } from "../errors";
import { RandomState } from "../random/random-state";

export interface AccumulationOptions {
  readonly iterations?: number;
  readonly beta?: number;
  readonly alpha?: number;
  readonly epsilon?: number;
  readonly seed?: number;
}

export interface AccumulationSeries {
  /** g_t = 0.5·randn + 0.2 */
  readonly gradients: Float64Array;
  /** AdaGrad's running sum G_t of g² */
  readonly G: Float64Array;
  /** RMSProp's exponential average E[g²]_t */
  readonly E: Float64Array;
  /** α / √(G_t + ε) */
  readonly lrAdagrad: Float64Array;
  /** α / √(E_t + ε) */
  readonly lrRmsprop: Float64Array;
}

/**
 * §4 of the original: 200 noisy gradients and what AdaGrad's sum and RMSProp's average make of them.
 * As in the original, both accumulators start at g₀² (not at 0, as the optimizers themselves do).
 */
export function simulateAccumulation(options: AccumulationOptions = {}): AccumulationSeries {
  const n = checkInteger("iterations", options.iterations ?? 200, 1);
  const beta = checkUnitInterval("beta", options.beta ?? 0.9);
  const alpha = checkPositive("alpha", options.alpha ?? 0.01);
  const epsilon = checkPositive("epsilon", options.epsilon ?? 1e-8);
  const rng = new RandomState(options.seed ?? 42);

  const gradients = new Float64Array(n);
  for (let t = 0; t < n; t++) gradients[t] = rng.standardNormal() * 0.5 + 0.2;

  const G = new Float64Array(n);
  const E = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const g = gradients[t]!;
    const g2 = g * g;
    G[t] = t === 0 ? g2 : G[t - 1]! + g2;
    E[t] = t === 0 ? g2 : beta * E[t - 1]! + (1 - beta) * g2;
  }
  const lrAdagrad = G.map((v) => alpha / Math.sqrt(v + epsilon));
  const lrRmsprop = E.map((v) => alpha / Math.sqrt(v + epsilon));
  return { gradients, G, E, lrAdagrad, lrRmsprop };
}

/**
 * The exponentially weighted average of a series, v_t = β·v_{t−1} + (1 − β)·x_t from v₀ = 0, and, if asked, its
 * bias-corrected form v_t / (1 − β^t) (t counted from 1), as momentum and Adam use it.
 */
export function ema(series: ArrayLike<number>, beta: number, biasCorrected = false): Float64Array {
  checkUnitInterval("beta", beta);
  const out = new Float64Array(series.length);
  let v = 0;
  for (let t = 0; t < series.length; t++) {
    v = beta * v + (1 - beta) * series[t]!;
    out[t] = biasCorrected ? v / (1 - beta ** (t + 1)) : v;
  }
  return out;
}

export interface SparseDenseSeries {
  /** a feature present in every example: g = 0.5·z + 0.2 */
  readonly dense: Float64Array;
  /** a rare feature: the same kind of gradient, but non-zero only with probability `density` */
  readonly sparse: Float64Array;
  /** AdaGrad's effective learning rate α/√(G + ε) for each */
  readonly lrDense: Float64Array;
  readonly lrSparse: Float64Array;
}

/** AdaGrad's motivation: a rare feature keeps a large step size, a frequent one gets a small one. */
export function simulateSparseDense(options: { iterations?: number; density?: number; alpha?: number; epsilon?: number; seed?: number } = {}): SparseDenseSeries {
  const n = checkInteger("iterations", options.iterations ?? 200, 1);
  const density = options.density ?? 0.1;
  if (!(density > 0 && density <= 1)) throw new ValidationError("density", density, "a number in (0, 1]");
  const alpha = checkPositive("alpha", options.alpha ?? 0.1);
  const epsilon = checkPositive("epsilon", options.epsilon ?? 1e-8);
  const rng = new RandomState(options.seed ?? 42);
  const dense = new Float64Array(n);
  const sparse = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    dense[t] = rng.standardNormal() * 0.5 + 0.2;
    const g = rng.standardNormal() * 0.5 + 0.2;
    sparse[t] = rng.randomSample() < density ? g : 0;
  }
  const rate = (g: Float64Array) => {
    let G = 0;
    return g.map((v) => {
      G += v * v;
      return alpha / Math.sqrt(G + epsilon);
    });
  };
  return { dense, sparse, lrDense: rate(dense), lrSparse: rate(sparse) };
}
