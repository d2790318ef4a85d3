import { checkPositive } from "../errors";
import { elementwise, type ElementRule } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export interface AdaGradConfig extends LearningRate {
  readonly eps: number;
}
export const ADAGRAD_DEFAULTS: AdaGradConfig = { lr: 0.1, eps: 1e-8 };
/** G: the running sum of squared gradients, per parameter. */
export type AdaGradState = SlotState<"sumSquares">;

/**
 * AdaGrad, as the original notebook writes it (§2):
 *   G_t = G_{t−1} + g_t²;   θ_{t+1} = θ_t − α/√(G_t + ε) · g_t
 * The frameworks' variants (ε outside the root, G₀ > 0, PyTorch's rounding) are in ./variants.
 */
export function adagrad(config: Partial<AdaGradConfig> = {}): Optimizer<AdaGradConfig, AdaGradState> {
  return elementwise(adagradRule(config));
}

/** AdaGrad's rule for `elementwise`: the settings checked, its slots, its step, and `steps`, the same for a tensor. */
export function adagradRule(config: Partial<AdaGradConfig> = {}): ElementRule<AdaGradConfig, "sumSquares"> {
  const { lr, eps } = checkAdaGrad({ ...ADAGRAD_DEFAULTS, ...config });
  const rate = (s: { sumSquares: number }) => lr / Math.sqrt(s.sumSquares + eps); // α/√(G + ε)
  return {
    name: "adagrad", config: { lr, eps }, slots: { sumSquares: 0 },
    step(g, theta, s) {
      s.sumSquares = s.sumSquares + g * g; // G ← G + g²
      return theta - rate(s) * g; // θ ← θ − α/√(G + ε)·g
    },
    steps(n, g, theta, out, _t, G, outG) { // the same, for a whole tensor (see ElementRule.steps)
      for (let i = 0; i < n; i++) {
        const sum = G[i]! + g[i]! * g[i]!;
        outG[i] = sum;
        out[i] = theta[i]! - (lr / Math.sqrt(sum + eps)) * g[i]!;
      }
    },
    rate,
  };
}

/** α > 0 and ε > 0, or a ValidationError naming the setting that is not. */
export function checkAdaGrad<C extends AdaGradConfig>(c: C): C {
  checkPositive("lr", c.lr);
  checkPositive("eps", c.eps);
  return c;
}
