import { checkNonNegative, checkPositive } from "../errors";
import { defineRule, rootDenominator, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface AdaGradConfig {
  readonly lr: number;
  readonly eps: number;
  /** √(G + ε) (the seed, Keras, optax) or √G + ε (PyTorch) */
  readonly epsInsideSqrt: boolean;
  /** G₀: 0 in the seed and PyTorch, 0.1 in Keras / TF.js / optax */
  readonly initialAccumulator: number;
}
export const ADAGRAD_DEFAULTS: AdaGradConfig = { lr: 0.1, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0 };
/** G: the running sum of squared gradients, per parameter. */
export type AdaGradState = SlotState<"sumSquares">;

/** AdaGrad: G_t = G_{t−1} + g_t²;  θ_{t+1} = θ_t − α/√(G_t + ε) · g_t. */
export function adagrad(config: Partial<AdaGradConfig> = {}): Optimizer<AdaGradState> {
  const c = { ...ADAGRAD_DEFAULTS, ...config };
  const lr = checkPositive("lr", c.lr);
  const eps = checkPositive("eps", c.eps);
  const g0 = checkNonNegative("initialAccumulator", c.initialAccumulator);
  const inside = c.epsInsideSqrt;
  return defineRule({
    name: "adagrad",
    config: { lr, eps, epsInsideSqrt: inside, initialAccumulator: g0 },
    slots: ["sumSquares"],
    initial: { sumSquares: g0 },
    step(g, theta, thetaOut, { sumSquares: G }, { sumSquares: Gout }) {
      for (let i = 0; i < g.length; i++) {
        const gi = g[i]!;
        const Gt = G[i]! + gi * gi;
        Gout[i] = Gt;
        thetaOut[i] = theta[i]! - (lr / rootDenominator(Gt, eps, inside)) * gi;
      }
    },
  });
}
