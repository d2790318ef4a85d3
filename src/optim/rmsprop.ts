import { checkPositive, checkUnitInterval } from "../errors";
import { defineRule, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface RMSPropConfig {
  readonly lr: number;
  readonly beta: number;
  readonly eps: number;
}
export const RMSPROP_DEFAULTS: RMSPropConfig = { lr: 0.001, beta: 0.9, eps: 1e-8 };
/** E[g²]: the exponentially weighted mean of squared gradients, per parameter. */
export type RMSPropState = SlotState<"meanSquare">;

/** RMSProp: E[g²]_t = β·E[g²]_{t−1} + (1 − β)·g_t²;  θ_{t+1} = θ_t − α/√(E[g²]_t + ε) · g_t. */
export function rmsprop(config: Partial<RMSPropConfig> = {}): Optimizer<RMSPropState> {
  const lr = checkPositive("lr", config.lr ?? RMSPROP_DEFAULTS.lr);
  const beta = checkUnitInterval("beta", config.beta ?? RMSPROP_DEFAULTS.beta);
  const eps = checkPositive("eps", config.eps ?? RMSPROP_DEFAULTS.eps);
  return defineRule({
    name: "rmsprop",
    config: { lr, beta, eps },
    slots: ["meanSquare"],
    step(g, theta, thetaOut, { meanSquare: E }, { meanSquare: Eout }) {
      for (let i = 0; i < g.length; i++) {
        const gi = g[i]!;
        const Et = beta * E[i]! + (1 - beta) * (gi * gi);
        Eout[i] = Et;
        thetaOut[i] = theta[i]! - (lr / Math.sqrt(Et + eps)) * gi;
      }
    },
  });
}
