/**
 * The optimizer registry: one entry per optimizer, with its label and colour, each option it takes (its default,
 * its symbol and what it means), the factory of its rule and its frameworks' presets. `createOptimizer`, the CLI,
 * the playground, the tables and the charts read it; adding an optimizer is one rule file and one entry here.
 */
import { adagrad } from "./adagrad";
import { adam, ADAM_DEFAULTS, type AdamConfig } from "./adam";
import { adamw, ADAMW_DEFAULTS, type AdamWConfig } from "./adamw";
import { momentum, MOMENTUM_DEFAULTS, type MomentumConfig } from "./momentum";
import { ADAGRAD_PRESETS, RMSPROP_PRESETS, type Preset } from "./presets";
import { rmsprop } from "./rmsprop";
import { ARITHMETIC } from "./rounding";
import { sgd, SGD_DEFAULTS, type SGDConfig } from "./sgd";
import type { BaseState, LearningRate, Optimizer } from "./types";
import {
  adagradVariant, ADAGRAD_VARIANT_DEFAULTS, rmspropVariant, RMSPROP_VARIANT_DEFAULTS, type AdaGradVariantConfig, type Denominator,
  type RMSPropVariantConfig,
} from "./variants";

/** What one option of an optimizer is: its symbol in the notebooks' notation and its meaning. */
export interface OptionInfo {
  /** how tables, legends and controls write it: "α", "β₁", "λ" */
  readonly symbol: string;
  readonly about: string;
  /** the allowed values of a string option */
  readonly values?: readonly string[];
  /** how a table writes its value, when not as it is */
  readonly format?: (value: unknown) => string;
}

/** One optimizer of the registry. */
export interface OptimizerEntry<C extends LearningRate> {
  /** how every chart and table names it */
  readonly label: string;
  /** its colour in every chart but those that mirror the original's (Okabe–Ito) */
  readonly color: string;
  /** every option it takes, with its default */
  readonly defaults: Readonly<C>;
  /** what each option is */
  readonly options: { readonly [K in keyof C]-?: OptionInfo };
  /** its rule, from settings over the defaults; bad values are the rule's ValidationError */
  readonly create: (config: Partial<C>) => Optimizer<C>;
  /** its frameworks' defaults, by name (`preset: "pytorch"`) */
  readonly presets?: Readonly<Record<string, Preset<C>>>;
  /** the options a results table and a legend show, in order */
  readonly shown: readonly (keyof C & string)[];
  /** the option the playground's β control sets, if it has one */
  readonly beta?: keyof C & string;
}

/** An entry, checked against its settings' type. */
const entry = <C extends LearningRate>(e: OptimizerEntry<C>): OptimizerEntry<C> => e;

const LR: OptionInfo = { symbol: "α", about: "the learning rate" };
const EPS: OptionInfo = { symbol: "ε", about: "added to keep the denominator away from 0" };
/** The options AdaGrad's and RMSProp's variants share (./variants), for an accumulator written `v` (G, E). */
const denominator = (v: string): { readonly [K in keyof Denominator]: OptionInfo } => ({
  epsInsideSqrt: {
    symbol: "ε placement", about: `ε inside the root, √(${v} + ε), or outside, √${v} + ε (PyTorch)`,
    format: (inside) => (inside ? `√(${v} + ε)` : `√${v} + ε`),
  },
  initialAccumulator: { symbol: `${v}₀`, about: "the accumulator's starting value" },
  arithmetic: { symbol: "arithmetic", about: "round as the original's numpy code or as torch.optim", values: ARITHMETIC },
});
const ADAM_OPTIONS = {
  lr: LR,
  beta1: { symbol: "β₁", about: "averaging of g" },
  beta2: { symbol: "β₂", about: "averaging of g²" },
  eps: EPS,
} as const;

/** The settings under which a variant computes exactly what the rule as taught computes. */
function asTaught(c: Denominator & Partial<RMSPropVariantConfig>): boolean {
  return c.epsInsideSqrt && c.initialAccumulator === 0 && c.arithmetic === "numpy"
    && !c.centered && !c.momentum && !c.weightDecay && !c.biasCorrection;
}

/** The rule as taught, reporting every setting in force (the taught rule's own config lists only α, β, ε). */
function withConfig<C extends LearningRate>(rule: Optimizer<LearningRate, BaseState>, config: C): Optimizer<C> {
  return { ...rule, config } as unknown as Optimizer<C>;
}

export const OPTIMIZERS = {
  sgd: entry<SGDConfig>({ label: "SGD", color: "#D55E00", defaults: SGD_DEFAULTS, options: { lr: LR }, create: sgd, shown: ["lr"] }),
  momentum: entry<MomentumConfig>({
    label: "Momentum", color: "#E69F00", defaults: MOMENTUM_DEFAULTS, create: momentum, shown: ["lr", "beta"], beta: "beta",
    options: {
      lr: LR,
      beta: { symbol: "β", about: "averaging of g" },
      ema: { symbol: "average", about: "momentum as an average, β·v + (1 − β)·g (true), or heavy ball, β·v + g" },
    },
  }),
  // AdaGrad and RMSProp with the original's settings are the rules as taught (./adagrad, ./rmsprop); with a
  // framework's, their variants (./variants)
  adagrad: entry<AdaGradVariantConfig>({
    label: "AdaGrad", color: "#009E73", defaults: ADAGRAD_VARIANT_DEFAULTS, presets: ADAGRAD_PRESETS, shown: ["lr"],
    options: { lr: LR, eps: EPS, ...denominator("G") },
    create: (config) => {
      const c = { ...ADAGRAD_VARIANT_DEFAULTS, ...config };
      return asTaught(c) ? withConfig(adagrad(c), c) : adagradVariant(c);
    },
  }),
  rmsprop: entry<RMSPropVariantConfig>({
    label: "RMSProp", color: "#0072B2", defaults: RMSPROP_VARIANT_DEFAULTS, presets: RMSPROP_PRESETS, shown: ["lr", "beta"], beta: "beta",
    options: {
      lr: LR,
      beta: { symbol: "β", about: "averaging of g²" },
      eps: EPS,
      ...denominator("E"),
      centered: { symbol: "centered", about: "divide by the variance E[g²] − E[g]², not the mean square" },
      momentum: { symbol: "μ", about: "momentum buffer on the scaled gradient" },
      weightDecay: { symbol: "λ", about: "L2 weight decay in the gradient, g + λθ (PyTorch's weight_decay)" },
      biasCorrection: { symbol: "bias correction", about: "divide E by 1 − βᵗ (optax)" },
    },
    create: (config) => {
      const c = { ...RMSPROP_VARIANT_DEFAULTS, ...config };
      return asTaught(c) ? withConfig(rmsprop(c), c) : rmspropVariant(c);
    },
  }),
  adam: entry<AdamConfig>({
    label: "Adam", color: "#CC79A7", defaults: ADAM_DEFAULTS, create: adam, shown: ["lr", "beta1", "beta2", "weightDecay"], beta: "beta1",
    options: { ...ADAM_OPTIONS, weightDecay: { symbol: "λ", about: "L2 weight decay in the gradient, g + λθ (torch.optim.Adam)" } },
  }),
  adamw: entry<AdamWConfig>({
    // Paul Tol's purple: the Okabe–Ito palette has no colour left that reads on white
    label: "AdamW", color: "#AA4499", defaults: ADAMW_DEFAULTS, create: adamw, shown: ["lr", "beta1", "beta2", "weightDecay"], beta: "beta1",
    options: { ...ADAM_OPTIONS, weightDecay: { symbol: "λ", about: "decoupled weight decay, θ − α·λ·θ (torch.optim.AdamW)" } },
  }),
} as const;

export type OptimizerName = keyof typeof OPTIMIZERS;
/** The optimizers' names, in the registry's order. */
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as readonly OptimizerName[];

type SettingsOf<E> = E extends OptimizerEntry<infer C> ? C : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Every setting any optimizer has: what `createOptimizer`'s optimizers report in `config` (α always). */
export type OptimizerConfig = LearningRate & Partial<Intersection<SettingsOf<(typeof OPTIMIZERS)[OptimizerName]>>>;
/** The options of `createOptimizer`: any optimizer's settings, and a preset's name where it has presets. */
export type OptimizerOptions = { readonly [K in keyof OptimizerConfig]?: OptimizerConfig[K] } & { readonly preset?: string };
export type OptionName = keyof OptimizerOptions & string;

/** The registry's entry of optimizer `name` (typed loosely, for code that works with any optimizer). */
export function entryOf(name: OptimizerName): OptimizerEntry<OptimizerConfig> {
  return OPTIMIZERS[name] as unknown as OptimizerEntry<OptimizerConfig>;
}

/** How every chart and table names each optimizer. */
export const OPTIMIZER_LABELS = Object.fromEntries(OPTIMIZER_NAMES.map((n) => [n, OPTIMIZERS[n].label])) as Readonly<Record<OptimizerName, string>>;

/** An optimizer's label (the name itself for one that is not an optimizer's). */
export function labelOf(name: string): string {
  return (OPTIMIZER_LABELS as Record<string, string>)[name] ?? name;
}

/** The options optimizer `name` takes (and `preset` where it has presets). */
export function optionsOf(name: OptimizerName): OptionName[] {
  const e = entryOf(name);
  return [...(e.presets ? ["preset"] : []), ...Object.keys(e.options)] as OptionName[];
}

/** A run's settings as a legend writes them: `RMSProp (α 0.01, β 0.99)`, `Adam (α 0.001, β₁ 0.9, β₂ 0.999, λ 0)`. */
export function describeSettings(name: string, config: Readonly<Record<string, unknown>>): string {
  if (!(name in OPTIMIZERS)) return name;
  const e = entryOf(name as OptimizerName);
  const shown = e.shown.filter((k) => config[k] !== undefined).map((k) => `${e.options[k].symbol} ${String(config[k])}`);
  return `${e.label} (${shown.join(", ")})`;
}
