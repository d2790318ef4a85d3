import { checkNonNegative, checkPositive, checkUnitInterval } from "../errors";
import { debiaser } from "./pieces";
import { elementwise, type ElementRule, type Slots } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export interface AdamConfig extends LearningRate {
  /** β₁, decay of the first moment (momentum) */
  readonly beta1: number;
  /** β₂, decay of the second moment (RMSProp's average) */
  readonly beta2: number;
  readonly eps: number;
  /** L2 weight decay λ, added to the gradient: g ← g + λ·θ, as `torch.optim.Adam(weight_decay=λ)` (0: none) */
  readonly weightDecay: number;
}
export const ADAM_DEFAULTS: AdamConfig = { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
export type AdamState = SlotState<"m" | "v">;

/** Adam's two moments and its step, for Adam and AdamW (./adamw): what they share. */
export interface Moments {
  /** updates m and v with the gradient g and returns θ − α·m̂/(√v̂ + ε) */
  readonly step: (g: number, theta: number, s: Slots<"m" | "v">, t: number) => number;
  /** α/(√v̂ + ε), the step per unit of m̂ */
  readonly rate: (s: Slots<"m" | "v">, t: number) => number;
  /**
   * `step` for a whole tensor (see ElementRule.steps), on the gradient g[i] + λ·θ[i] (λ = `decay`; 0: g[i]) and
   * the parameter θ[i] − `shrink`·θ[i] (undefined: θ[i]), as Adam and AdamW call `step`
   */
  readonly steps: (n: number, g: Float64Array, theta: Float64Array, out: Float64Array, t: number,
    m: Float64Array, outM: Float64Array, v: Float64Array, outV: Float64Array, decay: number, shrink: number | undefined) => void;
}

/** The settings in force: `defaults`, then `config`'s (Adam's settings only, nothing else a caller passes). */
export function adamConfig(defaults: AdamConfig, config: Partial<AdamConfig>): AdamConfig {
  const { lr, beta1, beta2, eps, weightDecay } = { ...defaults, ...config };
  return { lr, beta1, beta2, eps, weightDecay };
}

/** The settings checked, and Adam's moments and step with them. */
export function adamMoments(c: AdamConfig): Moments {
  const { lr, beta1, beta2, eps } = c;
  checkPositive("lr", lr);
  checkUnitInterval("beta1", beta1);
  checkUnitInterval("beta2", beta2);
  checkPositive("eps", eps);
  checkNonNegative("weightDecay", c.weightDecay);
  const debias1 = debiaser(beta1); // m/(1 − β₁ᵗ)
  const debias2 = debiaser(beta2); // v/(1 − β₂ᵗ)
  const denominator = (s: { v: number }, t: number) => Math.sqrt(debias2(s.v, t)) + eps; // √v̂ + ε
  return {
    step(g, theta, s, t) {
      s.m = beta1 * s.m + (1 - beta1) * g; // m ← β₁·m + (1 − β₁)·g
      s.v = beta2 * s.v + (1 - beta2) * (g * g); // v ← β₂·v + (1 − β₂)·g²
      return theta - (lr * debias1(s.m, t)) / denominator(s, t); // θ ← θ − α·m̂/(√v̂ + ε)
    },
    rate: (s, t) => lr / denominator(s, t),
    steps(n, g, theta, out, t, m, outM, v, outV, decay, shrink) {
      for (let i = 0; i < n; i++) {
        const gi = decay === 0 ? g[i]! : g[i]! + decay * theta[i]!;
        const th = shrink === undefined ? theta[i]! : theta[i]! - shrink * theta[i]!;
        const mi = beta1 * m[i]! + (1 - beta1) * gi;
        const vi = beta2 * v[i]! + (1 - beta2) * (gi * gi);
        outM[i] = mi;
        outV[i] = vi;
        out[i] = th - (lr * debias1(mi, t)) / (Math.sqrt(debias2(vi, t)) + eps);
      }
    },
  };
}

/**
 * Adam = momentum + RMSProp, both bias-corrected:
 *   m_t = β₁·m + (1 − β₁)·g;   v_t = β₂·v + (1 − β₂)·g²;   m̂ = m_t/(1 − β₁ᵗ);   v̂ = v_t/(1 − β₂ᵗ)
 *   θ_{t+1} = θ_t − α·m̂/(√v̂ + ε)
 * Weight decay λ is L2 in the gradient, g ← g + λ·θ, as `torch.optim.Adam(weight_decay=λ)`: Adam then scales it like
 * the rest of the gradient. AdamW (./adamw) decouples it.
 */
export function adam(config: Partial<AdamConfig> = {}): Optimizer<AdamConfig, AdamState> {
  return elementwise(adamRule(config));
}

/** Adam's rule for `elementwise`: the settings checked, its slots, its step, and `steps`, the same for a tensor. */
export function adamRule(config: Partial<AdamConfig> = {}): ElementRule<AdamConfig, "m" | "v"> {
  const c = adamConfig(ADAM_DEFAULTS, config);
  const { step, rate, steps } = adamMoments(c);
  const lambda = c.weightDecay;
  return {
    name: "adam",
    config: c,
    slots: { m: 0, v: 0 },
    step: (g, theta, s, t) => step(lambda === 0 ? g : g + lambda * theta, theta, s, t),
    rate,
    steps: (n, g, theta, out, t, m, outM, v, outV) => steps(n, g, theta, out, t, m, outM, v, outV, lambda, undefined),
  };
}
