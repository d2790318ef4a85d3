import { checkPositive, checkUnitInterval } from "../errors";
import { elementwise } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export interface AdaDeltaConfig extends LearningRate {
  /** ρ, the decay of both running averages */
  readonly rho: number;
  readonly eps: number;
}
/** PyTorch's `torch.optim.Adadelta` defaults (Zeiler's paper has no α, i.e. α = 1, and tries ρ = 0.95, ε = 1e-6). */
export const ADADELTA_DEFAULTS: AdaDeltaConfig = { lr: 1, rho: 0.9, eps: 1e-6 };
/** E[g²] and E[Δθ²]: the running means of squared gradients and of squared updates, per parameter. */
export type AdaDeltaState = SlotState<"meanSquare" | "meanDelta">;

/**
 * AdaDelta (Zeiler 2012, "ADADELTA: an adaptive learning rate method", Algorithm 1), with PyTorch's learning-rate
 * multiplier α:
 *   E[g²]_t = ρ·E[g²]_{t−1} + (1 − ρ)·g_t²
 *   Δθ_t = √(E[Δθ²]_{t−1} + ε) / √(E[g²]_t + ε) · g_t
 *   E[Δθ²]_t = ρ·E[Δθ²]_{t−1} + (1 − ρ)·Δθ_t²
 *   θ_{t+1} = θ_t − α·Δθ_t
 * RMSProp's denominator, with the root of the updates' own running mean square in place of α: the units of Δθ are
 * those of θ. The reference of 7_6's exercise; not one of `createOptimizer`'s names.
 */
export function adadelta(config: Partial<AdaDeltaConfig> = {}): Optimizer<AdaDeltaConfig, AdaDeltaState> {
  const { lr, rho, eps } = { ...ADADELTA_DEFAULTS, ...config };
  checkPositive("lr", lr);
  checkUnitInterval("rho", rho);
  checkPositive("eps", eps);
  const rate = (s: { meanSquare: number; meanDelta: number }) => Math.sqrt(s.meanDelta + eps) / Math.sqrt(s.meanSquare + eps);
  return elementwise({
    name: "adadelta", config: { lr, rho, eps }, slots: { meanSquare: 0, meanDelta: 0 },
    step(g, theta, s) {
      s.meanSquare = rho * s.meanSquare + (1 - rho) * (g * g); // E[g²] ← ρ·E[g²] + (1 − ρ)·g²
      const delta = rate(s) * g; // Δθ = √(E[Δθ²] + ε)/√(E[g²] + ε)·g, with the E[Δθ²] of the step before
      s.meanDelta = rho * s.meanDelta + (1 - rho) * (delta * delta); // E[Δθ²] ← ρ·E[Δθ²] + (1 − ρ)·Δθ²
      return theta - lr * delta; // θ ← θ − α·Δθ
    },
    // the step per unit of gradient, α·√(E[Δθ²] + ε)/√(E[g²] + ε), as the next step would take it
    rate: (s) => lr * rate(s),
  });
}
