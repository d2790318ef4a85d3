import { ADAM_DEFAULTS, adamConfig, adamMoments, type AdamConfig, type AdamState } from "./adam";
import { elementwise, type ElementRule } from "./rule";
import type { Optimizer } from "./types";

/** AdamW's settings are Adam's; its λ is decoupled from the gradient. */
export type AdamWConfig = AdamConfig;
/** `torch.optim.AdamW`'s defaults: Adam's, with λ = 0.01. */
export const ADAMW_DEFAULTS: AdamWConfig = { ...ADAM_DEFAULTS, weightDecay: 0.01 };

/**
 * AdamW (Loshchilov & Hutter, "Decoupled weight decay regularization"), as `torch.optim.AdamW`: θ first shrinks by
 * α·λ·θ, outside m and v, then takes Adam's step on the gradient alone:
 *   θ ← θ − α·λ·θ;   θ_{t+1} = θ − α·m̂/(√v̂ + ε)
 */
export function adamw(config: Partial<AdamWConfig> = {}): Optimizer<AdamWConfig, AdamState> {
  return elementwise(adamwRule(config));
}

/** AdamW's rule for `elementwise`: the settings checked, its slots, its step, and `steps`, the same for a tensor. */
export function adamwRule(config: Partial<AdamWConfig> = {}): ElementRule<AdamWConfig, "m" | "v"> {
  const c = adamConfig(ADAMW_DEFAULTS, config);
  const { step, rate, steps } = adamMoments(c);
  const { lr, weightDecay } = c;
  return {
    name: "adamw",
    config: c,
    slots: { m: 0, v: 0 },
    step: (g, theta, s, t) => step(g, theta - lr * weightDecay * theta, s, t), // θ ← θ − α·λ·θ, then Adam's step
    rate,
    steps: (n, g, theta, out, t, m, outM, v, outV) =>
      steps(n, g, theta, out, t, m, outM, v, outV, 0, lr * weightDecay),
  };
}
