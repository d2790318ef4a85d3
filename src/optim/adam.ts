import { checkNonNegative, checkPositive, checkUnitInterval } from "../errors";
import { debias } from "./pieces";
import { elementwise } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export interface AdamConfig extends LearningRate {
  /** β₁, decay of the first moment (momentum) */
  readonly beta1: number;
  /** β₂, decay of the second moment (RMSProp's average) */
  readonly beta2: number;
  readonly eps: number;
  /** decoupled weight decay λ: θ −= α·λ·θ before the step, as AdamW (0: plain Adam) */
  readonly weightDecay: number;
}
export const ADAM_DEFAULTS: AdamConfig = { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
export type AdamState = SlotState<"m" | "v">;

/**
 * Adam = momentum + RMSProp, both bias-corrected:
 *   m_t = β₁·m + (1 − β₁)·g;   v_t = β₂·v + (1 − β₂)·g²;   m̂ = m_t/(1 − β₁ᵗ);   v̂ = v_t/(1 − β₂ᵗ)
 *   θ_{t+1} = θ_t − α·m̂/(√v̂ + ε)        (AdamW first shrinks θ by α·λ·θ)
 */
export function adam(config: Partial<AdamConfig> = {}): Optimizer<AdamConfig, AdamState> {
  const { lr, beta1, beta2, eps, weightDecay } = { ...ADAM_DEFAULTS, ...config };
  checkPositive("lr", lr);
  checkUnitInterval("beta1", beta1);
  checkUnitInterval("beta2", beta2);
  checkPositive("eps", eps);
  checkNonNegative("weightDecay", weightDecay);
  const denominator = (s: { v: number }, t: number) => Math.sqrt(debias(s.v, beta2, t)) + eps; // √v̂ + ε
  return elementwise({
    name: "adam",
    config: { lr, beta1, beta2, eps, weightDecay },
    slots: { m: 0, v: 0 },
    step(g, theta, s, t) {
      s.m = beta1 * s.m + (1 - beta1) * g;
      s.v = beta2 * s.v + (1 - beta2) * (g * g);
      const decayed = weightDecay === 0 ? theta : theta - lr * weightDecay * theta;
      return decayed - (lr * debias(s.m, beta1, t)) / denominator(s, t);
    },
    rate: (s, t) => lr / denominator(s, t),
  });
}
