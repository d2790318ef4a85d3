import { checkNonNegative, checkOneOf, checkPositive, checkUnitInterval } from "../errors";
import { fma } from "../fma";
import { ARITHMETIC, defineRule, rootDenominator, type Arithmetic, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface RMSPropConfig {
  /** α, the learning rate */
  readonly lr: number;
  /** β, decay of the mean square (PyTorch calls it `alpha`, Keras `rho`, optax `decay`) */
  readonly beta: number;
  readonly eps: number;
  /** √(E + ε) (the seed, Keras, optax, TF1) or √E + ε (PyTorch) */
  readonly epsInsideSqrt: boolean;
  /** E₀: 0 almost everywhere, 1 in TF1 */
  readonly initialAccumulator: number;
  /** divide by the variance E[g²] − E[g]² instead of the mean square */
  readonly centered: boolean;
  /** μ: 0 for none; else b = μ·b + g/denominator and θ −= α·b (PyTorch and optax) */
  readonly momentum: number;
  /** coupled L2: g ← g + λ·θ before anything else (PyTorch's `weight_decay`) */
  readonly weightDecay: number;
  /** divide E by 1 − βᵗ (optax's `bias_correction`) */
  readonly biasCorrection: boolean;
  /** `"numpy"`: E = β·E + (1 − β)·(g·g), θ − (α/denominator)·g; `"torch"`: torch.optim.RMSprop's rounding (see `Arithmetic`) */
  readonly arithmetic: Arithmetic;
}

export const RMSPROP_DEFAULTS: RMSPropConfig = {
  lr: 0.001, beta: 0.9, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0,
  centered: false, momentum: 0, weightDecay: 0, biasCorrection: false, arithmetic: "numpy",
};

/** E[g²] per parameter; E[g] when centered; the momentum buffer when μ > 0 (unused slots stay zero). */
export type RMSPropState = SlotState<"meanSquare" | "meanGrad" | "buffer">;

/**
 * RMSProp:  E[g²]_t = β·E[g²]_{t−1} + (1 − β)·g_t²;   θ_{t+1} = θ_t − α/√(E[g²]_t + ε) · g_t
 * With the defaults this is the original notebook's rule, operation for operation. The options give the variants
 * the frameworks implement (see `RMSPROP_PRESETS`); `arithmetic: "torch"` also rounds each step as PyTorch does.
 */
export function rmsprop(config: Partial<RMSPropConfig> = {}): Optimizer<RMSPropState> {
  const c = { ...RMSPROP_DEFAULTS, ...config };
  const lr = checkPositive("lr", c.lr);
  const beta = checkUnitInterval("beta", c.beta);
  const eps = checkPositive("eps", c.eps);
  const mu = checkUnitInterval("momentum", c.momentum);
  const wd = checkNonNegative("weightDecay", c.weightDecay);
  const e0 = checkNonNegative("initialAccumulator", c.initialAccumulator);
  const arithmetic = checkOneOf("arithmetic", c.arithmetic, ARITHMETIC);
  const torch = arithmetic === "torch";
  const { epsInsideSqrt, centered, biasCorrection } = c;
  return defineRule({
    name: "rmsprop",
    config: { lr, beta, eps, epsInsideSqrt, initialAccumulator: e0, centered, momentum: mu, weightDecay: wd, biasCorrection, arithmetic },
    slots: ["meanSquare", "meanGrad", "buffer"],
    initial: { meanSquare: e0 },
    step(g, theta, thetaOut, s, out, t) {
      const correction = biasCorrection ? 1 - beta ** t : 1;
      for (let i = 0; i < g.length; i++) {
        // coupled weight decay g ← g + λ·θ (torch: grad.add(param, alpha=λ), one rounding)
        const gi = wd === 0 ? g[i]! : torch ? fma(wd, theta[i]!, g[i]!) : g[i]! + wd * theta[i]!;
        // E ← β·E + (1 − β)·g² (torch: square_avg.mul_(β).addcmul_(g, g, value=1 − β))
        const E = torch ? fma((1 - beta) * gi, gi, beta * s.meanSquare[i]!) : beta * s.meanSquare[i]! + (1 - beta) * (gi * gi);
        out.meanSquare[i] = E;
        let v = E;
        if (centered) {
          // M ← β·M + (1 − β)·g, v = E − M² (torch: grad_avg.mul_(β).add_(g, alpha=1 − β); addcmul(M, M, value=−1))
          const m = torch ? fma(gi, 1 - beta, beta * s.meanGrad[i]!) : beta * s.meanGrad[i]! + (1 - beta) * gi;
          out.meanGrad[i] = m;
          v = torch ? fma(-m, m, E) : E - m * m;
        }
        if (biasCorrection) v /= correction;
        const denom = rootDenominator(v, eps, epsInsideSqrt);
        if (mu === 0) {
          // θ ← θ − α·g/denominator (torch: param.addcdiv_(g, avg, value=−α))
          thetaOut[i] = torch ? theta[i]! + (-lr * gi) / denom : theta[i]! - (lr / denom) * gi;
        } else {
          // b ← μ·b + g/denominator, θ ← θ − α·b (torch: buf.mul_(μ).addcdiv_(g, avg); param.add_(buf, alpha=−α))
          const b = mu * s.buffer[i]! + gi / denom;
          out.buffer[i] = b;
          thetaOut[i] = torch ? fma(b, -lr, theta[i]!) : theta[i]! - lr * b;
        }
      }
    },
  });
}
