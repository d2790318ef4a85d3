import { ValidationError } from "../errors";
import { adagrad, type AdaGradConfig } from "./adagrad";
import { adam } from "./adam";
import { momentum } from "./momentum";
import { ADAGRAD_PRESETS, RMSPROP_PRESETS, type Preset } from "./presets";
import { rmsprop, type RMSPropConfig } from "./rmsprop";
import type { Arithmetic } from "./rule";
import { sgd } from "./sgd";
import type { Optimizer } from "./types";

export { adagrad, ADAGRAD_DEFAULTS, type AdaGradConfig, type AdaGradState } from "./adagrad";
export { adam, ADAM_DEFAULTS, type AdamConfig, type AdamState } from "./adam";
export { momentum, MOMENTUM_DEFAULTS, type MomentumConfig, type MomentumState } from "./momentum";
export { rmsprop, RMSPROP_DEFAULTS, type RMSPropConfig, type RMSPropState } from "./rmsprop";
export { sgd, SGD_DEFAULTS, type SGDConfig, type SGDState } from "./sgd";
export { ADAGRAD_PRESETS, RMSPROP_PRESETS, type AdaGradPreset, type Preset, type RMSPropPreset } from "./presets";
export { ARITHMETIC, defineRule, NO_SLOTS, type Arithmetic, type LeafStep, type SlotState } from "./rule";
export type { BaseState, Leaves, Optimizer } from "./types";

export const OPTIMIZER_NAMES = ["sgd", "momentum", "adagrad", "rmsprop", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Every hyper-parameter any optimizer takes. `beta` is RMSProp's β, momentum's β and Adam's β₁. */
export interface OptimizerOptions {
  readonly preset?: string;
  readonly lr?: number;
  readonly beta?: number;
  readonly beta2?: number;
  readonly eps?: number;
  readonly epsInsideSqrt?: boolean;
  readonly initialAccumulator?: number;
  readonly centered?: boolean;
  readonly momentum?: number;
  readonly weightDecay?: number;
  readonly biasCorrection?: boolean;
  /** RMSProp's and AdaGrad's rounding: the original's numpy expressions or torch's kernels (see `Arithmetic`) */
  readonly arithmetic?: Arithmetic;
  readonly ema?: boolean;
}

/** Which options each optimizer understands; anything else given is an error, never silently dropped. */
const ACCEPTS: Record<OptimizerName, readonly (keyof OptimizerOptions)[]> = {
  sgd: ["lr"],
  momentum: ["lr", "beta", "ema"],
  adagrad: ["preset", "lr", "eps", "epsInsideSqrt", "initialAccumulator", "arithmetic"],
  rmsprop: ["preset", "lr", "beta", "eps", "epsInsideSqrt", "initialAccumulator", "centered", "momentum", "weightDecay", "biasCorrection", "arithmetic"],
  adam: ["lr", "beta", "beta2", "eps", "weightDecay"],
};

export function isOptimizerName(name: string): name is OptimizerName {
  return (OPTIMIZER_NAMES as readonly string[]).includes(name);
}

function presetConfig<C>(presets: Record<string, Preset<C>>, name: string | undefined): Partial<C> {
  if (name === undefined) return {};
  const p = presets[name];
  if (!p) throw new ValidationError("preset", name, `one of ${Object.keys(presets).join(", ")}`);
  return p.config;
}

/** Drop the keys that were not given, so they do not override a preset or a default with `undefined`. */
function given<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Build an optimizer by name: the original notebook's defaults, then the preset's, then the options given. */
export function createOptimizer(name: string, options: OptimizerOptions = {}): Optimizer {
  if (!isOptimizerName(name)) throw new ValidationError("optimizer", name, `one of ${OPTIMIZER_NAMES.join(", ")}`);
  for (const [key, value] of Object.entries(given(options))) {
    if (!ACCEPTS[name].includes(key as keyof OptimizerOptions)) {
      const what = key === "preset" ? "presets exist for rmsprop and adagrad only" : `optimizer ${name} takes ${ACCEPTS[name].join(", ")}`;
      throw new ValidationError(key, value, `no ${key}: ${what}`);
    }
  }
  const { preset, beta, beta2, ...rest } = options;
  switch (name) {
    case "sgd":
      return sgd(given({ lr: options.lr }));
    case "momentum":
      return momentum(given({ lr: options.lr, beta, ema: options.ema }));
    case "adagrad":
      return adagrad({ ...presetConfig<AdaGradConfig>(ADAGRAD_PRESETS, preset), ...given(rest) });
    case "rmsprop":
      return rmsprop({ ...presetConfig<RMSPropConfig>(RMSPROP_PRESETS, preset), ...given({ ...rest, beta }) });
    case "adam":
      return adam(given({ lr: options.lr, beta1: beta, beta2, eps: options.eps, weightDecay: options.weightDecay }));
  }
}
