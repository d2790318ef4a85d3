import { checkNonNegative, checkPositive, checkUnitInterval, ValidationError } from "../errors";
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
  /**
   * the element's effective learning rate after `t` steps: the step per unit of gradient the rule now takes. Only
   * the charts of effective rates need it; a rule without it trains, tabulates and charts its losses all the same.
   */
  readonly rate?: (s: Slots<K>, t: number) => number;
  /**
   * Optional, for speed: `step` over a whole tensor, `n` elements. Element i reads g[i], theta[i] and its slots from
   * `a` (the first slot in `slots`' order) and `b` (the second), and writes the new θ to out[i] and the slots to
   * outA[i], outB[i], with the very arithmetic of `step`, so the same bits (test/optim.test.ts compares them). The
   * library's rules give it: where one thread trains several rules (the seed runs), the engine no longer compiles
   * the shared loop below for one `step`, and calls it per element at several times the cost. Each element is read
   * before it is written, as the outputs may be the inputs. Unused slot arrays are empty.
   */
  readonly steps?: (n: number, g: Float64Array, theta: Float64Array, out: Float64Array, t: number,
    a: Float64Array, outA: Float64Array, b: Float64Array, outB: Float64Array) => void;
}

/** The slot arrays a rule without that slot gets in `steps`. */
const NO_SLOT = new Float64Array(0);

/**
 * What a setting's name promises, whoever wrote the rule: the library's rules and a learner's own get the same
 * typed errors. A setting not named here must be a finite number, a boolean or a string.
 */
const SETTING_CHECKS: Readonly<Record<string, (name: string, value: number) => number>> = {
  lr: checkPositive,
  eps: checkPositive,
  beta: checkUnitInterval,
  beta1: checkUnitInterval,
  beta2: checkUnitInterval,
  rho: checkUnitInterval,
  momentum: checkUnitInterval,
  weightDecay: checkNonNegative,
  initialAccumulator: checkNonNegative,
};

/** A rule's name, settings, slots and step, or a ValidationError naming the first that is wrong. */
function checkRule<C extends LearningRate, K extends string>(rule: ElementRule<C, K>): ElementRule<C, K> {
  if (typeof rule !== "object" || rule === null) throw new ValidationError("rule", rule, "an object { name, config, slots, step }");
  if (typeof rule.name !== "string" || rule.name === "") throw new ValidationError("name", rule.name, "a non-empty string");
  if (typeof rule.config !== "object" || rule.config === null) throw new ValidationError("config", rule.config, "an object of settings with lr");
  if (!("lr" in rule.config)) throw new ValidationError("lr", undefined, "a finite number > 0 in config");
  for (const [key, value] of Object.entries(rule.config)) {
    const check = SETTING_CHECKS[key];
    if (check) check(key, value as number);
    else if (typeof value === "number" ? !Number.isFinite(value) : typeof value !== "boolean" && typeof value !== "string") {
      throw new ValidationError(key, value, "a finite number, a boolean or a string");
    }
  }
  if (typeof rule.slots !== "object" || rule.slots === null) throw new ValidationError("slots", rule.slots, "an object { slotName: starting value }");
  for (const [key, value] of Object.entries(rule.slots)) {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new ValidationError(`slots.${key}`, value, "a finite starting value");
  }
  if (typeof rule.step !== "function") throw new ValidationError("step", rule.step, "a function (g, theta, s, t) => new theta");
  if (rule.rate !== undefined && typeof rule.rate !== "function") throw new ValidationError("rate", rule.rate, "a function (s, t) => rate, or nothing");
  if (rule.steps !== undefined && (typeof rule.steps !== "function" || Object.keys(rule.slots).length > 2)) {
    throw new ValidationError("steps", rule.steps, "a function (n, g, theta, out, t, a, outA, b, outB) of a rule with at most two slots, or nothing");
  }
  return rule;
}

/**
 * The optimizer of an element-wise rule: `init` makes one slot array per parameter tensor, `update` is pure, and
 * `updateInto` writes into buffers you own (they may be the inputs: each element is read before it is written), so
 * the training loop allocates nothing.
 */
export function elementwise<C extends LearningRate, K extends string>(rule: ElementRule<C, K>): Optimizer<C, SlotState<K>> {
  checkRule(rule);
  const rate = rule.rate ?? (() => {
    throw new ValidationError("rate", undefined, `a rate(s, t) function in rule ${rule.name}, to measure its effective learning rates`);
  });
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

  const step = rule.step;
  const steps = rule.steps;
  // Rules keep at most two slots but AdaDelta's or a learner's may keep more: up to two, each slot is read and
  // written at a place of its own in the loops below, which the engine then compiles for that one name (one loop
  // over the names, seeing them all, was a seventh of a run's time); more take the loop over the names.
  const [k0, k1] = names;
  const updateInto = (grads: Leaves, state: SlotState<K>, params: Leaves, outState: SlotState<K>, outParams: Leaves) => {
    const t = state.count + 1;
    for (const name in params) {
      const g = grads[name];
      const theta = params[name]!;
      if (g === undefined || g.length !== theta.length) {
        throw new ValidationError(`grads.${name}`, g === undefined ? undefined : `length ${g.length}`, `length ${theta.length}, like params.${name}`);
      }
      const out = outParams[name]!;
      const n = theta.length;
      if (steps) {
        const a = k0 === undefined ? NO_SLOT : state[k0][name]!;
        const outA = k0 === undefined ? NO_SLOT : outState[k0][name]!;
        const b = k1 === undefined ? NO_SLOT : state[k1][name]!;
        const outB = k1 === undefined ? NO_SLOT : outState[k1][name]!;
        steps(n, g, theta, out, t, a, outA, b, outB);
      } else if (names.length === 0) {
        for (let i = 0; i < n; i++) out[i] = step(g[i]!, theta[i]!, s, t);
      } else if (names.length === 1) {
        const a = state[k0!][name]!;
        const outA = outState[k0!][name]!;
        for (let i = 0; i < n; i++) {
          s[k0!] = a[i]!;
          out[i] = step(g[i]!, theta[i]!, s, t);
          outA[i] = s[k0!];
        }
      } else if (names.length === 2) {
        const a = state[k0!][name]!;
        const outA = outState[k0!][name]!;
        const b = state[k1!][name]!;
        const outB = outState[k1!][name]!;
        for (let i = 0; i < n; i++) {
          s[k0!] = a[i]!;
          s[k1!] = b[i]!;
          out[i] = step(g[i]!, theta[i]!, s, t);
          outA[i] = s[k0!];
          outB[i] = s[k1!];
        }
      } else {
        for (let i = 0; i < n; i++) {
          for (const k of names) s[k] = state[k][name]![i]!;
          out[i] = step(g[i]!, theta[i]!, s, t);
          for (const k of names) outState[k][name]![i] = s[k];
        }
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
      if (names.length === 0) return out.fill(rate(s, state.count));
      const first = state[names[0]!];
      let j = 0;
      for (const name in first) {
        for (let i = 0; i < first[name]!.length; i++) {
          for (const k of names) s[k] = state[k][name]![i]!;
          out[j++] = rate(s, state.count);
        }
      }
      return out;
    },
  };
}
