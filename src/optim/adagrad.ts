import { checkNonNegative, checkOneOf, checkPositive } from "../errors";
import { fma } from "../fma";
import { ARITHMETIC, defineRule, rootDenominator, type Arithmetic, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface AdaGradConfig {
  readonly lr: number;
  readonly eps: number;
  /** √(G + ε) (the seed, Keras, optax) or √G + ε (PyTorch) */
  readonly epsInsideSqrt: boolean;
  /** G₀: 0 in the seed and PyTorch, 0.1 in Keras / TF.js / optax */
  readonly initialAccumulator: number;
  /** `"numpy"`: G + g·g, θ − (α/denominator)·g; `"torch"`: torch.optim.Adagrad's rounding (see `Arithmetic`) */
  readonly arithmetic: Arithmetic;
}
export const ADAGRAD_DEFAULTS: AdaGradConfig = { lr: 0.1, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0, arithmetic: "numpy" };
/** G: the running sum of squared gradients, per parameter. */
export type AdaGradState = SlotState<"sumSquares">;

/** AdaGrad: G_t = G_{t−1} + g_t²;  θ_{t+1} = θ_t − α/√(G_t + ε) · g_t. */
export function adagrad(config: Partial<AdaGradConfig> = {}): Optimizer<AdaGradState> {
  const c = { ...ADAGRAD_DEFAULTS, ...config };
  const lr = checkPositive("lr", c.lr);
  const eps = checkPositive("eps", c.eps);
  const g0 = checkNonNegative("initialAccumulator", c.initialAccumulator);
  const inside = c.epsInsideSqrt;
  const arithmetic = checkOneOf("arithmetic", c.arithmetic, ARITHMETIC);
  const torch = arithmetic === "torch";
  return defineRule({
    name: "adagrad",
    config: { lr, eps, epsInsideSqrt: inside, initialAccumulator: g0, arithmetic },
    slots: ["sumSquares"],
    initial: { sumSquares: g0 },
    step(g, theta, thetaOut, { sumSquares: G }, { sumSquares: Gout }) {
      for (let i = 0; i < g.length; i++) {
        const gi = g[i]!;
        // G ← G + g² (torch: state_sum.addcmul_(g, g, value=1), one rounding)
        const Gt = torch ? fma(gi, gi, G[i]!) : G[i]! + gi * gi;
        Gout[i] = Gt;
        const denom = rootDenominator(Gt, eps, inside);
        // θ ← θ − α·g/denominator (torch: param.addcdiv_(g, std, value=−α))
        thetaOut[i] = torch ? theta[i]! + (-lr * gi) / denom : theta[i]! - (lr / denom) * gi;
      }
    },
  });
}
