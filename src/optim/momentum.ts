import { checkBoolean, checkPositive, checkUnitInterval } from "../errors";
import { elementwise } from "./rule";
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
  const { lr, beta, ema } = { ...MOMENTUM_DEFAULTS, ...config };
  checkPositive("lr", lr);
  checkUnitInterval("beta", beta);
  checkBoolean("ema", ema);
  const gain = ema ? 1 - beta : 1;
  return elementwise({
    name: "momentum",
    config: { lr, beta, ema },
    slots: { velocity: 0 },
    step(g, theta, s) {
      s.velocity = beta * s.velocity + gain * g;
      return theta - lr * s.velocity;
    },
    rate: () => (lr * gain) / (1 - beta),
  });
}
