import { checkPositive, checkUnitInterval } from "../errors";
import { defineRule, type SlotState } from "./rule";
import type { Optimizer } from "./types";

export interface MomentumConfig {
  readonly lr: number;
  /** β, how much of the previous velocity is kept */
  readonly beta: number;
  /** true: v = β·v + (1 − β)·g, an exponentially weighted average (Ng's course, this series);
   *  false: v = β·v + g, heavy-ball momentum (PyTorch's SGD with dampening 0) */
  readonly ema: boolean;
}
export const MOMENTUM_DEFAULTS: MomentumConfig = { lr: 0.01, beta: 0.9, ema: true };
export type MomentumState = SlotState<"velocity">;

/** SGD with momentum: v_t = β·v_{t−1} + (1 − β)·g_t;  θ_{t+1} = θ_t − α·v_t. */
export function momentum(config: Partial<MomentumConfig> = {}): Optimizer<MomentumState> {
  const c = { ...MOMENTUM_DEFAULTS, ...config };
  const lr = checkPositive("lr", c.lr);
  const beta = checkUnitInterval("beta", c.beta);
  const ema = c.ema;
  const gain = ema ? 1 - beta : 1;
  return defineRule({
    name: "momentum",
    config: { lr, beta, ema },
    slots: ["velocity"],
    step(g, theta, thetaOut, { velocity: v }, { velocity: vOut }) {
      for (let i = 0; i < g.length; i++) {
        const vt = beta * v[i]! + gain * g[i]!;
        vOut[i] = vt;
        thetaOut[i] = theta[i]! - lr * vt;
      }
    },
  });
}
