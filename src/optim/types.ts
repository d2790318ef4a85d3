/** Parameters (or gradients) by name: one flat float64 array per tensor, e.g. { W1, b1, W2, b2 }. */
export type Leaves = Readonly<Record<string, Float64Array>>;

/** What every optimizer state has: how many updates it has applied. Rules add named per-parameter slots. */
export interface BaseState {
  count: number;
}

/**
 * An optimizer as a pure rule, in the style of optax / `jax.example_libraries.optimizers`:
 * `init(params)` makes the state; `update(grads, state, params)` returns new params and a new state and never
 * touches its inputs. `updateInto` does the same arithmetic into buffers you own (they may be the inputs
 * themselves), which is how the training loop runs without allocating.
 */
export interface Optimizer<S extends BaseState = BaseState> {
  readonly name: string;
  /** The hyper-parameters in force, after defaults: what a results table or a JSON config reports. */
  readonly config: Readonly<Record<string, number | boolean | string>>;
  init(params: Leaves): S;
  update(grads: Leaves, state: S, params: Leaves): { params: Leaves; state: S };
  updateInto(grads: Leaves, state: S, params: Leaves, outState: S, outParams: Leaves): void;
}
