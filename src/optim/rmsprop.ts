import { checkNonNegative, checkPositive, checkUnitInterval } from "../errors";
import { defineRule, rootDenominator, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface RMSPropConfig {
  /** α, the learning rate */
  readonly lr: number;
  /** β, decay of the mean square (PyTorch calls it `alpha`, Keras `rho`, optax `decay`) */
  readonly beta: number;
  readonly eps: number;
  /** √(E + ε) (the seed, Keras, optax, TF1) or √E + ε (PyTorch) */
  readonly epsInsideSqrt: boolean;
  /** E₀: 0 almost everywhere, 1 in TF1 */
  readonly initialAccumulator: number;
  /** divide by the variance E[g²] − E[g]² instead of the mean square */
  readonly centered: boolean;
  /** μ: 0 for none; else b = μ·b + g/denominator and θ −= α·b (PyTorch and optax) */
  readonly momentum: number;
  /** coupled L2: g ← g + λ·θ before anything else (PyTorch's `weight_decay`) */
  readonly weightDecay: number;
  /** divide E by 1 − βᵗ (optax's `bias_correction`) */
  readonly biasCorrection: boolean;
}

export const RMSPROP_DEFAULTS: RMSPropConfig = {
  lr: 0.001, beta: 0.9, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0,
  centered: false, momentum: 0, weightDecay: 0, biasCorrection: false,
};

/** E[g²] per parameter; E[g] when centered; the momentum buffer when μ > 0 (unused slots stay zero). */
export type RMSPropState = SlotState<"meanSquare" | "meanGrad" | "buffer">;

/**
 * RMSProp:  E[g²]_t = β·E[g²]_{t−1} + (1 − β)·g_t²;   θ_{t+1} = θ_t − α/√(E[g²]_t + ε) · g_t
 * With the defaults this is the original notebook's rule, operation for operation. The options give the variants
 * the frameworks implement (see `RMSPROP_PRESETS`).
 */
export function rmsprop(config: Partial<RMSPropConfig> = {}): Optimizer<RMSPropState> {
  const c = { ...RMSPROP_DEFAULTS, ...config };
  const lr = checkPositive("lr", c.lr);
  const beta = checkUnitInterval("beta", c.beta);
  const eps = checkPositive("eps", c.eps);
  const mu = checkUnitInterval("momentum", c.momentum);
  const wd = checkNonNegative("weightDecay", c.weightDecay);
  const e0 = checkNonNegative("initialAccumulator", c.initialAccumulator);
  const { epsInsideSqrt, centered, biasCorrection } = c;
  return defineRule({
    name: "rmsprop",
    config: { lr, beta, eps, epsInsideSqrt, initialAccumulator: e0, centered, momentum: mu, weightDecay: wd, biasCorrection },
    slots: ["meanSquare", "meanGrad", "buffer"],
    initial: { meanSquare: e0 },
    step(g, theta, thetaOut, s, out, t) {
      const correction = biasCorrection ? 1 - beta ** t : 1;
      for (let i = 0; i < g.length; i++) {
        const gi = wd === 0 ? g[i]! : g[i]! + wd * theta[i]!;
        const E = beta * s.meanSquare[i]! + (1 - beta) * (gi * gi);
        out.meanSquare[i] = E;
        let v = E;
        if (centered) {
          const m = beta * s.meanGrad[i]! + (1 - beta) * gi;
          out.meanGrad[i] = m;
          v = E - m * m;
        }
        if (biasCorrection) v /= correction;
        const denom = rootDenominator(v, eps, epsInsideSqrt);
        if (mu === 0) {
          thetaOut[i] = theta[i]! - (lr / denom) * gi;
        } else {
          const b = mu * s.buffer[i]! + gi / denom;
          out.buffer[i] = b;
          thetaOut[i] = theta[i]! - lr * b;
        }
      }
    },
  });
}
