import { checkPositive } from "../errors";
import { elementwise, type ElementRule } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export type SGDConfig = LearningRate;
export const SGD_DEFAULTS: SGDConfig = { lr: 0.01 };

/** Vanilla gradient descent:  θ_{t+1} = θ_t − α·g_t. */
export function sgd(config: Partial<SGDConfig> = {}): Optimizer<SGDConfig, SlotState<never>> {
  return elementwise(sgdRule(config));
}

/** SGD's rule for `elementwise`: the settings checked, its slots, its step, and `steps`, the same for a tensor. */
export function sgdRule(config: Partial<SGDConfig> = {}): ElementRule<SGDConfig, never> {
  const lr = checkPositive("lr", config.lr ?? SGD_DEFAULTS.lr);
  return {
    name: "sgd",
    config: { lr },
    slots: {},
    step: (g, theta) => theta - lr * g,
    steps(n, g, theta, out) { // the same, for a whole tensor (see ElementRule.steps)
      for (let i = 0; i < n; i++) out[i] = theta[i]! - lr * g[i]!;
    },
    rate: () => lr,
  };
}
