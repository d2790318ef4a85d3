import { ValidationError } from "../errors";
import type { LearningRate, Leaves, Optimizer, SlotState } from "./types";

/** One parameter element's accumulators as plain numbers, by slot name: what a rule's step reads and updates. */
export type Slots<K extends string> = Record<K, number>;

/**
 * An update rule written for one parameter element, as the equations are: the optimizer applies it to every
 * element of every tensor.
 */
export interface ElementRule<C extends LearningRate, K extends string> {
  readonly name: string;
  readonly config: C;
  /** the accumulators the rule keeps per element, each with its starting value */
  readonly slots: Readonly<Record<K, number>>;
  /** one element's update: reads and updates its slots `s` and returns the new θ (`t` counts steps from 1) */
  readonly step: (g: number, theta: number, s: Slots<K>, t: number) => number;
  /** the element's effective learning rate after `t` steps: the step per unit of gradient the rule now takes */
  readonly rate: (s: Slots<K>, t: number) => number;
}

/**
 * The optimizer of an element-wise rule: `init` makes one slot array per parameter tensor, `update` is pure, and
 * `updateInto` writes into buffers you own (they may be the inputs: each element is read before it is written), so
 * the training loop allocates nothing.
 */
export function elementwise<C extends LearningRate, K extends string>(rule: ElementRule<C, K>): Optimizer<C, SlotState<K>> {
  const names = Object.keys(rule.slots) as K[];
  const s = { ...rule.slots } as Slots<K>; // one element's slots, reused
  const makeState = (count: number, of: (slot: K) => Leaves): SlotState<K> => {
    const state: Record<string, unknown> = { count };
    for (const slot of names) state[slot] = of(slot);
    return state as SlotState<K>;
  };
  const like = (params: Leaves, value: number): Leaves => {
    const out: Record<string, Float64Array> = {};
    for (const name in params) out[name] = new Float64Array(params[name]!.length).fill(value);
    return out;
  };

  const updateInto = (grads: Leaves, state: SlotState<K>, params: Leaves, outState: SlotState<K>, outParams: Leaves) => {
    const t = state.count + 1;
    for (const name in params) {
      const g = grads[name];
      const theta = params[name]!;
      if (g === undefined || g.length !== theta.length) {
        throw new ValidationError(`grads.${name}`, g === undefined ? undefined : `length ${g.length}`, `length ${theta.length}, like params.${name}`);
      }
      const out = outParams[name]!;
      for (let i = 0; i < theta.length; i++) {
        for (const k of names) s[k] = state[k][name]![i]!;
        out[i] = rule.step(g[i]!, theta[i]!, s, t);
        for (const k of names) outState[k][name]![i] = s[k];
      }
    }
    outState.count = t;
  };

  return {
    name: rule.name,
    config: rule.config,
    init: (params) => makeState(0, (slot) => like(params, rule.slots[slot])),
    update(grads, state, params) {
      const outParams = like(params, 0);
      const outState = makeState(0, (slot) => like(state[slot], 0));
      updateInto(grads, state, params, outState, outParams);
      return { params: outParams, state: outState };
    },
    updateInto,
    rates(state, out) {
      if (names.length === 0) return out.fill(rule.rate(s, state.count));
      const first = state[names[0]!];
      let j = 0;
      for (const name in first) {
        for (let i = 0; i < first[name]!.length; i++) {
          for (const k of names) s[k] = state[k][name]![i]!;
          out[j++] = rule.rate(s, state.count);
        }
      }
      return out;
    },
  };
}
