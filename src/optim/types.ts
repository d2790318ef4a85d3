/** Parameters (or gradients) by name: one flat float64 array per tensor, e.g. { W1, b1, W2, b2 }. */
export type Leaves = Readonly<Record<string, Float64Array>>;

/** What every optimizer state has: how many updates it has applied. Rules add named per-parameter slots. */
export interface BaseState {
  count: number;
}

/** A rule's state: the update count plus one per-parameter slot (e.g. `meanSquare`) for each accumulator it keeps. */
export type SlotState<K extends string> = BaseState & { readonly [P in K]: Leaves };

/** What every optimizer's settings have: a learning rate α. */
export interface LearningRate {
  /** α, the learning rate */
  readonly lr: number;
}

/**
 * An optimizer as a pure rule, in the style of optax and `jax.example_libraries.optimizers`:
 * `init(params)` makes the state; `update(grads, state, params)` returns new params and a new state and never
 * touches its inputs. `updateInto` does the same arithmetic into buffers you own (they may be the inputs
 * themselves), which is how the training loop runs without allocating.
 */
export interface Optimizer<C extends LearningRate = LearningRate, S extends BaseState = BaseState> {
  readonly name: string;
  /** The hyper-parameters in force, after defaults: what a results table or a JSON config reports. */
  readonly config: Readonly<C>;
  init(params: Leaves): S;
  update(grads: Leaves, state: S, params: Leaves): { params: Leaves; state: S };
  updateInto(grads: Leaves, state: S, params: Leaves, outState: S, outParams: Leaves): void;
  /**
   * The effective learning rate of every parameter in `state`: the step the rule now takes per unit of gradient,
   * computed with the rule's own arithmetic (α for SGD, α/√(G + ε) for AdaGrad, …). One value per parameter, in
   * the order of the state's tensors, written into `out`.
   */
  rates(state: S, out: Float64Array): Float64Array;
}
