import { checkInteger, checkPositive, checkUnitInterval } from "../errors";
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
