import { checkNonNegative, checkPositive, checkUnitInterval } from "../errors";
import { defineRule, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface AdamConfig {
  readonly lr: number;
  /** β₁, decay of the first moment (momentum) */
  readonly beta1: number;
  /** β₂, decay of the second moment (RMSProp's average) */
  readonly beta2: number;
  readonly eps: number;
  /** decoupled weight decay: θ −= α·λ·θ, as AdamW (0: plain Adam) */
  readonly weightDecay: number;
}
export const ADAM_DEFAULTS: AdamConfig = { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
export type AdamState = SlotState<"m" | "v">;

/**
 * Adam = momentum + RMSProp, both bias-corrected:
 * m_t = β₁m + (1 − β₁)g;  v_t = β₂v + (1 − β₂)g²;  m̂ = m_t/(1 − β₁ᵗ);  v̂ = v_t/(1 − β₂ᵗ);  θ −= α·m̂/(√v̂ + ε)
 */
export function adam(config: Partial<AdamConfig> = {}): Optimizer<AdamState> {
  const c = { ...ADAM_DEFAULTS, ...config };
  const lr = checkPositive("lr", c.lr);
  const b1 = checkUnitInterval("beta1", c.beta1);
  const b2 = checkUnitInterval("beta2", c.beta2);
  const eps = checkPositive("eps", c.eps);
  const wd = checkNonNegative("weightDecay", c.weightDecay);
  return defineRule({
    name: "adam",
    config: { lr, beta1: b1, beta2: b2, eps, weightDecay: wd },
    slots: ["m", "v"],
    step(g, theta, thetaOut, s, out, t) {
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      for (let i = 0; i < g.length; i++) {
        const gi = g[i]!;
        const m = b1 * s.m[i]! + (1 - b1) * gi;
        const v = b2 * s.v[i]! + (1 - b2) * (gi * gi);
        out.m[i] = m;
        out.v[i] = v;
        const decayed = wd === 0 ? theta[i]! : theta[i]! - lr * wd * theta[i]!;
        thetaOut[i] = decayed - (lr * (m / c1)) / (Math.sqrt(v / c2) + eps);
      }
    },
  });
}
