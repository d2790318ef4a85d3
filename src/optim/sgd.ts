import { checkPositive } from "../errors";
import { defineRule, NO_SLOTS, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface SGDConfig {
  readonly lr: number;
}
export const SGD_DEFAULTS: SGDConfig = { lr: 0.01 };
export type SGDState = SlotState<never>;

/** Vanilla gradient descent: θ_{t+1} = θ_t − α·g_t. */
export function sgd(config: Partial<SGDConfig> = {}): Optimizer<SGDState> {
  const lr = checkPositive("lr", config.lr ?? SGD_DEFAULTS.lr);
  return defineRule<never>({
    name: "sgd",
    config: { lr },
    slots: NO_SLOTS,
    step(g, theta, thetaOut) {
      for (let i = 0; i < g.length; i++) thetaOut[i] = theta[i]! - lr * g[i]!;
    },
  });
}
