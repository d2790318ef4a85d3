import { ValidationError } from "../errors";
import { adagrad } from "./adagrad";
import { rmsprop } from "./rmsprop";
import { sgd } from "./sgd";
import type { Optimizer } from "./types";

export { adagrad, ADAGRAD_DEFAULTS, type AdaGradConfig, type AdaGradState } from "./adagrad";
export { rmsprop, RMSPROP_DEFAULTS, type RMSPropConfig, type RMSPropState } from "./rmsprop";
export { sgd, SGD_DEFAULTS, type SGDConfig, type SGDState } from "./sgd";
export { defineRule, type LeafStep, type SlotState } from "./rule";
export type { BaseState, Leaves, Optimizer } from "./types";

export const OPTIMIZER_NAMES = ["sgd", "adagrad", "rmsprop"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Hyper-parameters any optimizer may take; each rule reads the ones it knows and ignores none silently. */
export interface OptimizerOptions {
  readonly lr?: number;
  readonly beta?: number;
  readonly eps?: number;
}

export function isOptimizerName(name: string): name is OptimizerName {
  return (OPTIMIZER_NAMES as readonly string[]).includes(name);
}

/** Build an optimizer by name, with the original notebook's defaults for anything not given. */
export function createOptimizer(name: string, options: OptimizerOptions = {}): Optimizer {
  if (!isOptimizerName(name)) throw new ValidationError("optimizer", name, `one of ${OPTIMIZER_NAMES.join(", ")}`);
  const unused = (key: keyof OptimizerOptions) => {
    if (options[key] !== undefined) throw new ValidationError(key, options[key], `no ${key} for optimizer ${name}`);
  };
  switch (name) {
    case "sgd":
      unused("beta");
      unused("eps");
      return sgd(options);
    case "adagrad":
      unused("beta");
      return adagrad(options);
    case "rmsprop":
      return rmsprop(options);
  }
}
