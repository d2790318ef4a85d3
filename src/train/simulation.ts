/**
 * Made-up gradient series fed to the optimizers' own rules, to show what their accumulators do (§4 of the original,
 * AdaGrad's sparse features, an average's bias). The arithmetic is the rules' (src/optim), not a copy of it.
 */
import { DEFAULTS } from "../defaults";
import { ValidationError, checkInteger, checkNonNegative, checkPositive, checkUnitInterval } from "../errors";
import { adagrad } from "../optim/adagrad";
import { momentum } from "../optim/momentum";
import { debias } from "../optim/pieces";
import { rmsprop } from "../optim/rmsprop";
import type { Leaves, Optimizer, SlotState } from "../optim/types";
import { RandomState } from "../random/random-state";

export interface AccumulationOptions {
  readonly iterations?: number;
  readonly beta?: number;
  /** α, the learning rate of both rules */
  readonly lr?: number;
  /** ε, as in both rules */
  readonly eps?: number;
  readonly seed?: number;
  /** the gradients are g_t = gradientScale·z_t + gradientMean with z_t ~ N(0, 1): the original's 0.5 and 0.2 */
  readonly gradientScale?: number;
  readonly gradientMean?: number;
}

export interface AccumulationSeries {
  /** g_t = gradientScale·randn + gradientMean (0.5·randn + 0.2 by default) */
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
 * Feed a series of gradients to a rule with one parameter and record its accumulator `slot` and its effective
 * learning rate after each step. `start`, when given, is the accumulator's value at step 0 instead of a first update.
 */
function follow<K extends string>(rule: Optimizer<{ lr: number }, SlotState<K>>, slot: K, gradients: Float64Array, start?: number) {
  const params: Leaves = { x: new Float64Array(1) };
  const grads = { x: new Float64Array(1) };
  const state = rule.init(params);
  const accumulator = state[slot].x!;
  const rate = new Float64Array(1);
  const values = new Float64Array(gradients.length);
  const rates = new Float64Array(gradients.length);
  for (let t = 0; t < gradients.length; t++) {
    if (t === 0 && start !== undefined) accumulator[0] = start;
    else {
      grads.x[0] = gradients[t]!;
      rule.updateInto(grads, state, params, state, params);
    }
    values[t] = accumulator[0]!;
    rates[t] = rule.rates(state, rate)[0]!;
  }
  return { values, rates };
}

/**
 * §4 of the original: 200 noisy gradients and what AdaGrad's sum and RMSProp's average make of them, computed by
 * the two rules themselves. As in the original, both accumulators start at g₀² (not at 0, as in training).
 */
export function simulateAccumulation(options: AccumulationOptions = {}): AccumulationSeries {
  const n = checkInteger("iterations", options.iterations ?? 200, 1);
  const beta = checkUnitInterval("beta", options.beta ?? 0.9);
  const lr = checkPositive("lr", options.lr ?? 0.01);
  const eps = checkPositive("eps", options.eps ?? 1e-8);
  const scale = checkNonNegative("gradientScale", options.gradientScale ?? 0.5);
  const mean = options.gradientMean ?? 0.2;
  if (typeof mean !== "number" || !Number.isFinite(mean)) throw new ValidationError("gradientMean", mean, "a finite number");
  const rng = new RandomState(options.seed ?? DEFAULTS.seed);
  const gradients = new Float64Array(n);
  for (let t = 0; t < n; t++) gradients[t] = rng.standardNormal() * scale + mean;
  const g0 = gradients[0]! * gradients[0]!;
  const sum = follow(adagrad({ lr, eps }), "sumSquares", gradients, g0);
  const average = follow(rmsprop({ lr, beta, eps }), "meanSquare", gradients, g0);
  return { gradients, G: sum.values, E: average.values, lrAdagrad: sum.rates, lrRmsprop: average.rates };
}

/**
 * The exponentially weighted average of a series, v_t = β·v_{t−1} + (1 − β)·x_t from v₀ = 0 (the momentum rule's
 * velocity), and, if asked, its bias-corrected form v_t/(1 − βᵗ), as Adam uses it.
 */
export function ema(series: ArrayLike<number>, beta: number, biasCorrected = false): Float64Array {
  checkUnitInterval("beta", beta);
  const { values } = follow(momentum({ beta }), "velocity", Float64Array.from(series));
  return biasCorrected ? values.map((v, t) => debias(v, beta, t + 1)) : values;
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
export function simulateSparseDense(options: { iterations?: number; density?: number; lr?: number; eps?: number; seed?: number } = {}): SparseDenseSeries {
  const n = checkInteger("iterations", options.iterations ?? 200, 1);
  const density = options.density ?? 0.1;
  if (!(density > 0 && density <= 1)) throw new ValidationError("density", density, "a number in (0, 1]");
  const lr = checkPositive("lr", options.lr ?? 0.1);
  const eps = checkPositive("eps", options.eps ?? 1e-8);
  const rng = new RandomState(options.seed ?? DEFAULTS.seed);
  const dense = new Float64Array(n);
  const sparse = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    dense[t] = rng.standardNormal() * 0.5 + 0.2;
    const g = rng.standardNormal() * 0.5 + 0.2;
    sparse[t] = rng.randomSample() < density ? g : 0;
  }
  const rate = (g: Float64Array) => follow(adagrad({ lr, eps }), "sumSquares", g).rates;
  return { dense, sparse, lrDense: rate(dense), lrSparse: rate(sparse) };
}
