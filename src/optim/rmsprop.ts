import { checkPositive, checkUnitInterval } from "../errors";
import { elementwise, type ElementRule } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export interface RMSPropConfig extends LearningRate {
  /** β, decay of the mean square (PyTorch calls it `alpha`, Keras `rho`, optax `decay`) */
  readonly beta: number;
  readonly eps: number;
}
export const RMSPROP_DEFAULTS: RMSPropConfig = { lr: 0.001, beta: 0.9, eps: 1e-8 };
/** E[g²]: the running mean of squared gradients, per parameter. */
export type RMSPropState = SlotState<"meanSquare">;

/**
 * RMSProp, as the original notebook writes it (§3):
 *   E[g²]_t = β·E[g²]_{t−1} + (1 − β)·g_t²;   θ_{t+1} = θ_t − α/√(E[g²]_t + ε) · g_t
 * The frameworks' variants (centered, momentum, weight decay, …) are composed in ./variants.
 */
export function rmsprop(config: Partial<RMSPropConfig> = {}): Optimizer<RMSPropConfig, RMSPropState> {
  return elementwise(rmspropRule(config));
}

/** RMSProp's rule for `elementwise`: the settings checked, its slots, its step, and `steps`, the same for a tensor. */
export function rmspropRule(config: Partial<RMSPropConfig> = {}): ElementRule<RMSPropConfig, "meanSquare"> {
  const { lr, beta, eps } = checkRMSProp({ ...RMSPROP_DEFAULTS, ...config });
  const rate = (s: { meanSquare: number }) => lr / Math.sqrt(s.meanSquare + eps); // α/√(E[g²] + ε)
  return {
    name: "rmsprop", config: { lr, beta, eps }, slots: { meanSquare: 0 },
    step(g, theta, s) {
      s.meanSquare = beta * s.meanSquare + (1 - beta) * (g * g); // E[g²] ← β·E[g²] + (1 − β)·g²
      return theta - rate(s) * g; // θ ← θ − α/√(E[g²] + ε)·g
    },
    steps(n, g, theta, out, _t, E, outE) { // the same, for a whole tensor (see ElementRule.steps)
      for (let i = 0; i < n; i++) {
        const e = beta * E[i]! + (1 - beta) * (g[i]! * g[i]!);
        outE[i] = e;
        out[i] = theta[i]! - (lr / Math.sqrt(e + eps)) * g[i]!;
      }
    },
    rate,
  };
}

/** α > 0, β in [0, 1), ε > 0, or a ValidationError naming the setting that is not. */
export function checkRMSProp<C extends RMSPropConfig>(c: C): C {
  checkPositive("lr", c.lr);
  checkUnitInterval("beta", c.beta);
  checkPositive("eps", c.eps);
  return c;
}
