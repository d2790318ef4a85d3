import { checkPositive } from "../errors";
import { defineRule, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface AdaGradConfig {
  readonly lr: number;
  readonly eps: number;
}
export const ADAGRAD_DEFAULTS: AdaGradConfig = { lr: 0.1, eps: 1e-8 };
/** G: the running sum of squared gradients, per parameter. */
export type AdaGradState = SlotState<"sumSquares">;

/** AdaGrad: G_t = G_{t−1} + g_t²;  θ_{t+1} = θ_t − α/√(G_t + ε) · g_t. */
export function adagrad(config: Partial<AdaGradConfig> = {}): Optimizer<AdaGradState> {
  const lr = checkPositive("lr", config.lr ?? ADAGRAD_DEFAULTS.lr);
  const eps = checkPositive("eps", config.eps ?? ADAGRAD_DEFAULTS.eps);
  return defineRule({
    name: "adagrad",
    config: { lr, eps },
    slots: ["sumSquares"],
    step(g, theta, thetaOut, { sumSquares: G }, { sumSquares: Gout }) {
      for (let i = 0; i < g.length; i++) {
        const gi = g[i]!;
        const Gt = G[i]! + gi * gi;
        Gout[i] = Gt;
        thetaOut[i] = theta[i]! - (lr / Math.sqrt(Gt + eps)) * gi;
      }
    },
  });
}
