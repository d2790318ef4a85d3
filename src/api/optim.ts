/**
 * `rms.optim`: the optimizers as pure rules (`init(params) → state`, `update(grads, state, params)`), one registry
 * entry each (`OPTIMIZERS`: label, colour, options, presets), `elementwise` to write a rule for one number, and the
 * frameworks' variants.
 */
export {
  adadelta, adagrad, adagradVariant, adam, adamw, createOptimizer, elementwise, isOptimizerName, momentum, rmsprop,
  rmspropVariant, sgd,
  ADADELTA_DEFAULTS, ADAGRAD_DEFAULTS, ADAGRAD_PRESETS, ADAM_DEFAULTS, ADAMW_DEFAULTS, MOMENTUM_DEFAULTS, RMSPROP_DEFAULTS,
  RMSPROP_PRESETS, SGD_DEFAULTS,
  describeSettings, entryOf, labelOf, OPTIMIZER_LABELS, OPTIMIZER_NAMES, OPTIMIZERS, optionsOf, ARITHMETIC,
  type AdaDeltaConfig, type AdaDeltaState, type AdaGradConfig, type AdaGradState, type AdaGradVariantConfig, type AdamConfig,
  type AdamState, type AdamWConfig, type Arithmetic, type BaseState, type ElementRule, type LearningRate, type Leaves,
  type MomentumConfig, type Optimizer, type OptimizerConfig, type OptimizerEntry, type OptimizerName, type OptimizerOptions,
  type OptionInfo, type OptionName, type Preset, type RMSPropConfig, type RMSPropState, type RMSPropVariantConfig,
  type SGDConfig, type Slots, type SlotState,
} from "../optim/index";
