import { checkPositive } from "../errors";
import { elementwise } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export type SGDConfig = LearningRate;
export const SGD_DEFAULTS: SGDConfig = { lr: 0.01 };

/** Vanilla gradient descent:  θ_{t+1} = θ_t − α·g_t. */
export function sgd(config: Partial<SGDConfig> = {}): Optimizer<SGDConfig, SlotState<never>> {
  const lr = checkPositive("lr", config.lr ?? SGD_DEFAULTS.lr);
  return elementwise({
    name: "sgd",
    config: { lr },
    slots: {},
    step: (g, theta) => theta - lr * g,
    rate: () => lr,
  });
}
