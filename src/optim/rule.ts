import { ValidationError } from "../errors";
import type { BaseState, Leaves, Optimizer } from "./types";

/** A rule's state: the update count plus one per-parameter slot for each accumulator the rule keeps. */
export type SlotState<K extends string> = BaseState & { readonly [P in K]: Leaves };

/**
 * One parameter tensor's update, written like the rule's equation. `s` holds this tensor's slots before the
 * step, `out` receives them after; `theta` → `thetaOut`. Buffers may alias (in-place), so read index i before
 * writing index i. `t` is the step number, starting at 1.
 */
export type LeafStep<K extends string> = (
  g: Float64Array,
  theta: Float64Array,
  thetaOut: Float64Array,
  s: Readonly<Record<K, Float64Array>>,
  out: Readonly<Record<K, Float64Array>>,
  t: number,
) => void;

export interface RuleSpec<K extends string> {
  readonly name: string;
  readonly config: Readonly<Record<string, number | boolean | string>>;
  /** named accumulators, each the shape of its parameter */
  readonly slots: readonly K[];
  /** initial value of every slot (0 unless a framework says otherwise) */
  readonly initial?: Readonly<Partial<Record<K, number>>>;
  readonly step: LeafStep<K>;
}

/** An adaptive rule's denominator: √(v + ε) (ε inside the root) or √v + ε (outside, as PyTorch). */
export function rootDenominator(v: number, eps: number, epsInsideSqrt: boolean): number {
  return epsInsideSqrt ? Math.sqrt(v + eps) : Math.sqrt(v) + eps;
}

/**
 * The order and rounding of a rule's floating-point operations: `"numpy"`, the original notebook's expressions; or
 * `"torch"`, torch.optim's tensor calls as its CPU kernels compute them (x86-64 with AVX2, as Debian's torch 1.13:
 * the multiply-adds in `add(alpha=)` and `addcmul` rounded once, `addcdiv` as θ + (−α·g)/denominator). Both compute
 * the same rule; they differ in the last bits, which decide where a chaotic run ends up.
 */
export const ARITHMETIC = ["numpy", "torch"] as const;
export type Arithmetic = (typeof ARITHMETIC)[number];

/** The slot list of a rule that keeps no accumulator (plain SGD). */
export const NO_SLOTS: readonly never[] = new Array<never>();

/** Build the pure `init`/`update` pair and the in-place `updateInto` from one per-tensor step. */
export function defineRule<K extends string>(spec: RuleSpec<K>): Optimizer<SlotState<K>> {
  const { slots, step } = spec;
  const fill = (params: Leaves, slot: K): Leaves => {
    const v = spec.initial?.[slot] ?? 0;
    const out: Record<string, Float64Array> = {};
    for (const name in params) out[name] = new Float64Array(params[name]!.length).fill(v);
    return out;
  };
  const clone = (leaves: Leaves): Record<string, Float64Array> => {
    const out: Record<string, Float64Array> = {};
    for (const name in leaves) out[name] = new Float64Array(leaves[name]!.length);
    return out;
  };
  const makeState = (count: number, of: (slot: K) => Leaves): SlotState<K> => {
    const state = { count } as BaseState & Record<K, Leaves>;
    for (const slot of slots) (state as Record<K, Leaves>)[slot] = of(slot);
    return state;
  };
  // per-tensor views of the slots, reused across calls so the epoch loop allocates nothing
  const sView = {} as Record<K, Float64Array>;
  const oView = {} as Record<K, Float64Array>;

  const updateInto = (grads: Leaves, state: SlotState<K>, params: Leaves, outState: SlotState<K>, outParams: Leaves) => {
    const t = state.count + 1;
    for (const name in params) {
      const g = grads[name];
      const theta = params[name]!;
      if (g === undefined || g.length !== theta.length) {
        throw new ValidationError(`grads.${name}`, g === undefined ? undefined : `length ${g.length}`, `length ${theta.length}, like params.${name}`);
      }
      for (const slot of slots) {
        sView[slot] = state[slot][name]!;
        oView[slot] = outState[slot][name]!;
      }
      step(g, theta, outParams[name]!, sView, oView, t);
    }
    outState.count = t;
  };

  return {
    name: spec.name,
    config: spec.config,
    init: (params) => makeState(0, (slot) => fill(params, slot)),
    update(grads, state, params) {
      const outParams = clone(params);
      const outState = makeState(0, (slot) => clone(state[slot]));
      updateInto(grads, state, params, outState, outParams);
      return { params: outParams, state: outState };
    },
    updateInto,
  };
}
