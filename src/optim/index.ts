import { ValidationError } from "../errors";
import { entryOf, OPTIMIZER_NAMES, optionsOf, type OptimizerConfig, type OptimizerName, type OptimizerOptions } from "./options";
import type { Optimizer } from "./types";

export { adadelta, ADADELTA_DEFAULTS, type AdaDeltaConfig, type AdaDeltaState } from "./adadelta";
export { adagrad, adagradRule, ADAGRAD_DEFAULTS, type AdaGradConfig, type AdaGradState } from "./adagrad";
export { adam, adamRule, ADAM_DEFAULTS, type AdamConfig, type AdamState } from "./adam";
export { adamw, adamwRule, ADAMW_DEFAULTS, type AdamWConfig } from "./adamw";
export { momentum, momentumRule, MOMENTUM_DEFAULTS, type MomentumConfig } from "./momentum";
export { rmsprop, rmspropRule, RMSPROP_DEFAULTS, type RMSPropConfig, type RMSPropState } from "./rmsprop";
export { sgd, sgdRule, SGD_DEFAULTS, type SGDConfig } from "./sgd";
export { ADAGRAD_PRESETS, RMSPROP_PRESETS, type Preset } from "./presets";
export { adagradVariant, rmspropVariant, type AdaGradVariantConfig, type RMSPropVariantConfig } from "./variants";
export {
  describeSettings, entryOf, labelOf, OPTIMIZER_LABELS, OPTIMIZER_NAMES, OPTIMIZERS, optionsOf, type OptimizerConfig, type OptimizerEntry,
  type OptimizerName, type OptimizerOptions, type OptionInfo, type OptionName,
} from "./options";
export { ARITHMETIC, type Arithmetic } from "./rounding";
export type { BaseState, LearningRate, Leaves, Optimizer, SlotState } from "./types";
export { elementwise, type ElementRule, type Slots } from "./rule";

export function isOptimizerName(name: string): name is OptimizerName {
  return (OPTIMIZER_NAMES as readonly string[]).includes(name);
}

/** The options that were given (not undefined), so that they do not override a preset or a default. */
function given<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Build an optimizer by name (see the registry, ./options): its defaults, then the preset's, then the options given.
 * An option the optimizer does not take is an error, never silently dropped. `config` lists every setting in force.
 */
export function createOptimizer(name: string, options: OptimizerOptions = {}): Optimizer<OptimizerConfig> {
  if (!isOptimizerName(name)) throw new ValidationError("optimizer", name, `one of ${OPTIMIZER_NAMES.join(", ")}`);
  const e = entryOf(name);
  const { preset, ...rest } = given(options);
  for (const [key, value] of Object.entries(given(options))) {
    if (optionsOf(name).includes(key as never)) continue;
    const withPresets = OPTIMIZER_NAMES.filter((n) => entryOf(n).presets);
    const what = key === "preset" ? `presets exist for ${withPresets.join(" and ")} only` : `optimizer ${name} takes ${optionsOf(name).join(", ")}`;
    throw new ValidationError(key, value, `no ${key}: ${what}`);
  }
  let fromPreset: Partial<OptimizerConfig> = {};
  if (preset !== undefined) {
    const p = e.presets?.[preset];
    if (!p) throw new ValidationError("preset", preset, `one of ${Object.keys(e.presets ?? {}).join(", ")}`);
    fromPreset = p.config;
  }
  return e.create({ ...fromPreset, ...(rest as Partial<OptimizerConfig>) });
}
