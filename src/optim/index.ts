import { ValidationError } from "../errors";
import { adagrad } from "./adagrad";
import { adam, type AdamConfig } from "./adam";
import { momentum, type MomentumConfig } from "./momentum";
import { OPTIMIZER_NAMES, OPTIMIZER_OPTIONS, optionsOf, type OptimizerName, type OptimizerOptions, type OptionName } from "./options";
import { ADAGRAD_PRESETS, RMSPROP_PRESETS, type Preset } from "./presets";
import { rmsprop } from "./rmsprop";
import { sgd, type SGDConfig } from "./sgd";
import type { BaseState, LearningRate, Optimizer } from "./types";
import {
  adagradVariant, ADAGRAD_VARIANT_DEFAULTS, rmspropVariant, RMSPROP_VARIANT_DEFAULTS, type AdaGradVariantConfig, type Denominator,
  type RMSPropVariantConfig,
} from "./variants";

export { adadelta, ADADELTA_DEFAULTS, type AdaDeltaConfig, type AdaDeltaState } from "./adadelta";
export { adagrad, ADAGRAD_DEFAULTS, type AdaGradConfig, type AdaGradState } from "./adagrad";
export { adam, ADAM_DEFAULTS, type AdamConfig, type AdamState } from "./adam";
export { momentum, MOMENTUM_DEFAULTS, type MomentumConfig } from "./momentum";
export { rmsprop, RMSPROP_DEFAULTS, type RMSPropConfig, type RMSPropState } from "./rmsprop";
export { sgd, SGD_DEFAULTS, type SGDConfig } from "./sgd";
export { ADAGRAD_PRESETS, RMSPROP_PRESETS, type Preset } from "./presets";
export { adagradVariant, rmspropVariant, type AdaGradVariantConfig, type RMSPropVariantConfig } from "./variants";
export { labelOf, OPTIMIZER_LABELS, OPTIMIZER_NAMES, OPTIMIZER_OPTIONS, optionsOf, type OptimizerName, type OptimizerOptions, type OptionName, type OptionSpec } from "./options";
export { ARITHMETIC, type Arithmetic } from "./rounding";
export type { BaseState, LearningRate, Leaves, Optimizer, SlotState } from "./types";
export { elementwise, type ElementRule, type Slots } from "./rule";
export { checkInteger, checkNonNegative, checkPositive, checkUnitInterval } from "../errors";

export function isOptimizerName(name: string): name is OptimizerName {
  return (OPTIMIZER_NAMES as readonly string[]).includes(name);
}

function presetConfig<C>(presets: Record<string, Preset<C>>, name: string | undefined): Partial<C> {
  if (name === undefined) return {};
  const p = presets[name];
  if (!p) throw new ValidationError("preset", name, `one of ${Object.keys(presets).join(", ")}`);
  return p.config;
}

/** Every setting any optimizer has: what `createOptimizer`'s optimizers report in `config` (α always). */
export type OptimizerConfig = LearningRate & Partial<SGDConfig & MomentumConfig & AdaGradVariantConfig & RMSPropVariantConfig & AdamConfig>;

/** The options that were given (not undefined), so that they do not override a preset or a default. */
function given<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The settings under which a variant computes exactly what the rule as taught computes. */
function asTaught(c: Denominator & Partial<RMSPropVariantConfig>): boolean {
  return c.epsInsideSqrt && c.initialAccumulator === 0 && c.arithmetic === "numpy"
    && !c.centered && !c.momentum && !c.weightDecay && !c.biasCorrection;
}

/**
 * Build an optimizer by name: the original notebook's defaults, then the preset's, then the options given. An
 * option the optimizer does not take is an error, never silently dropped. AdaGrad and RMSProp with the original's
 * settings are the rules as taught (./adagrad, ./rmsprop); with a framework's settings, their variants (./variants).
 * `config` always lists every setting in force.
 */
export function createOptimizer(name: string, options: OptimizerOptions = {}): Optimizer<OptimizerConfig> {
  if (!isOptimizerName(name)) throw new ValidationError("optimizer", name, `one of ${OPTIMIZER_NAMES.join(", ")}`);
  const o = given(options);
  for (const [key, value] of Object.entries(o)) {
    if (!(key in OPTIMIZER_OPTIONS)) throw new ValidationError(key, value, `an option of an optimizer: ${Object.keys(OPTIMIZER_OPTIONS).join(", ")}`);
    if (!optionsOf(name).includes(key as OptionName)) {
      const what = key === "preset" ? "presets exist for rmsprop and adagrad only" : `optimizer ${name} takes ${optionsOf(name).join(", ")}`;
      throw new ValidationError(key, value, `no ${key}: ${what}`);
    }
  }
  const { preset, beta, beta2, ...rest } = o as OptimizerOptions;
  switch (name) {
    case "sgd":
      return sgd(given({ lr: options.lr }));
    case "momentum":
      return momentum(given({ lr: options.lr, beta, ema: options.ema }));
    case "adam":
      return adam(given({ lr: options.lr, beta1: beta, beta2, eps: options.eps, weightDecay: options.weightDecay }));
    case "adagrad": {
      const c: AdaGradVariantConfig = { ...ADAGRAD_VARIANT_DEFAULTS, ...presetConfig<AdaGradVariantConfig>(ADAGRAD_PRESETS, preset), ...(rest as Partial<AdaGradVariantConfig>) };
      return asTaught(c) ? withConfig(adagrad(c), c) : adagradVariant(c);
    }
    case "rmsprop": {
      const c: RMSPropVariantConfig = { ...RMSPROP_VARIANT_DEFAULTS, ...presetConfig<RMSPropVariantConfig>(RMSPROP_PRESETS, preset), ...(rest as Partial<RMSPropVariantConfig>), ...given({ beta }) };
      return asTaught(c) ? withConfig(rmsprop(c), c) : rmspropVariant(c);
    }
  }
}

/** The rule as taught, reporting every setting in force (the taught rule's own config lists only α, β, ε). */
function withConfig<C extends LearningRate, S extends BaseState>(rule: Optimizer<C, S>, config: OptimizerConfig): Optimizer<OptimizerConfig> {
  return { ...rule, config } as unknown as Optimizer<OptimizerConfig>;
}
