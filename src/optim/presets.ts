import { ADAGRAD_DEFAULTS } from "./adagrad";
import { RMSPROP_DEFAULTS } from "./rmsprop";
import { AS_TAUGHT, type AdaGradVariantConfig, type RMSPropVariantConfig } from "./variants";

export interface Preset<C> {
  /** where these settings come from */
  readonly source: string;
  readonly config: Partial<C>;
}

/**
 * RMSProp as each framework defines it (defaults of its constructor). Options not listed keep the rule's defaults
 * (no centering, momentum, weight decay or bias correction). optax and TF1 have no default learning rate; 0.001 is used.
 */
export const RMSPROP_PRESETS = {
  original: { source: "the original notebook", config: { ...RMSPROP_DEFAULTS, ...AS_TAUGHT } },
  pytorch: { source: "torch.optim.RMSprop (with its CPU kernels' rounding)", config: { lr: 0.01, beta: 0.99, eps: 1e-8, epsInsideSqrt: false, initialAccumulator: 0, arithmetic: "torch" } },
  keras: { source: "keras.optimizers.RMSprop (TF.js's tf.train.rmsprop: same ρ and ε, α required)", config: { lr: 0.001, beta: 0.9, eps: 1e-7, epsInsideSqrt: true, initialAccumulator: 0 } },
  optax: { source: "optax.rmsprop (learning rate required; 0.001 here)", config: { lr: 0.001, beta: 0.9, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0 } },
  tf1: { source: "tf.compat.v1.train.RMSPropOptimizer (learning rate required; 0.001 here)", config: { lr: 0.001, beta: 0.9, eps: 1e-10, epsInsideSqrt: true, initialAccumulator: 1 } },
} as const satisfies Record<string, Preset<RMSPropVariantConfig>>;

/** AdaGrad's defaults per framework; they differ most in the starting accumulator and where ε goes. */
export const ADAGRAD_PRESETS = {
  original: { source: "the original notebook", config: { ...ADAGRAD_DEFAULTS, ...AS_TAUGHT } },
  pytorch: { source: "torch.optim.Adagrad (with its CPU kernels' rounding)", config: { lr: 0.01, eps: 1e-10, epsInsideSqrt: false, initialAccumulator: 0, arithmetic: "torch" } },
  keras: { source: "keras.optimizers.Adagrad (TF.js's tf.train.adagrad: same G₀, α required)", config: { lr: 0.001, eps: 1e-7, epsInsideSqrt: true, initialAccumulator: 0.1 } },
  optax: { source: "optax.adagrad (learning rate required; 0.001 here)", config: { lr: 0.001, eps: 1e-7, epsInsideSqrt: true, initialAccumulator: 0.1 } },
} as const satisfies Record<string, Preset<AdaGradVariantConfig>>;

