import { checkBoolean, checkPositive, checkUnitInterval } from "../errors";
import { elementwise, type ElementRule } from "./rule";
import type { LearningRate, Optimizer, SlotState } from "./types";

export interface MomentumConfig extends LearningRate {
  /** β, how much of the previous velocity is kept */
  readonly beta: number;
  /** true: v is an average of the gradients, v = β·v + (1 − β)·g (Ng's course, this series);
   *  false: heavy-ball momentum, v = β·v + g (PyTorch's SGD with momentum) */
  readonly ema: boolean;
}
export const MOMENTUM_DEFAULTS: MomentumConfig = { lr: 0.01, beta: 0.9, ema: true };

/**
 * SGD with momentum:  v_t = β·v_{t−1} + (1 − β)·g_t;  θ_{t+1} = θ_t − α·v_t.
 * Heavy ball (`ema: false`) adds the whole gradient, v_t = β·v_{t−1} + g_t: each gradient is then applied
 * 1/(1 − β) times over, so its effective learning rate is α/(1 − β).
 */
export function momentum(config: Partial<MomentumConfig> = {}): Optimizer<MomentumConfig, SlotState<"velocity">> {
  return elementwise(momentumRule(config));
}

/** Momentum's rule for `elementwise`: the settings checked, its slots, its step, and `steps`, the same for a tensor. */
export function momentumRule(config: Partial<MomentumConfig> = {}): ElementRule<MomentumConfig, "velocity"> {
  const { lr, beta, ema } = { ...MOMENTUM_DEFAULTS, ...config };
  checkPositive("lr", lr);
  checkUnitInterval("beta", beta);
  checkBoolean("ema", ema);
  const gain = ema ? 1 - beta : 1;
  return {
    name: "momentum",
    config: { lr, beta, ema },
    slots: { velocity: 0 },
    step(g, theta, s) {
      s.velocity = beta * s.velocity + gain * g;
      return theta - lr * s.velocity;
    },
    steps(n, g, theta, out, _t, v, outV) { // the same, for a whole tensor (see ElementRule.steps)
      for (let i = 0; i < n; i++) {
        const velocity = beta * v[i]! + gain * g[i]!;
        outV[i] = velocity;
        out[i] = theta[i]! - lr * velocity;
      }
    },
    rate: () => (lr * gain) / (1 - beta),
  };
}
