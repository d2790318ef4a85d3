/**
 * Every option an optimizer takes, in one table: its type, which optimizers take it, its command-line flag and what
 * it means. `createOptimizer` checks options against it, the CLI builds its flags and its error messages from it,
 * and `OptimizerOptions` is derived from it.
 */
import { ARITHMETIC } from "./rounding";

export const OPTIMIZER_NAMES = ["sgd", "momentum", "adagrad", "rmsprop", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** How every chart and table names each optimizer. */
export const OPTIMIZER_LABELS: Readonly<Record<OptimizerName, string>> = {
  sgd: "SGD", momentum: "Momentum", adagrad: "AdaGrad", rmsprop: "RMSProp", adam: "Adam",
};

/** An optimizer's label (the name itself for one that is not an optimizer's). */
export function labelOf(name: string): string {
  return (OPTIMIZER_LABELS as Record<string, string>)[name] ?? name;
}

export interface OptionSpec {
  readonly kind: "number" | "integer" | "boolean" | "string";
  /** the allowed values of a string option */
  readonly values?: readonly string[];
  /** the optimizers that take it */
  readonly takes: readonly OptimizerName[];
  /** its command-line flag (`--weight-decay`), when the CLI has one */
  readonly flag?: string;
  /** the names the rules themselves give it, which their errors name (Adam's `beta1` is set by `beta`) */
  readonly parameters?: readonly string[];
  readonly about: string;
}

export const OPTIMIZER_OPTIONS = {
  preset: { kind: "string", takes: ["adagrad", "rmsprop"], flag: "preset", about: "one framework's defaults (RMSPROP_PRESETS, ADAGRAD_PRESETS)" },
  lr: { kind: "number", takes: OPTIMIZER_NAMES, flag: "lr", about: "α, the learning rate" },
  beta: { kind: "number", takes: ["momentum", "rmsprop", "adam"], flag: "beta", parameters: ["beta1"], about: "RMSProp's β, momentum's β, Adam's β₁" },
  beta2: { kind: "number", takes: ["adam"], flag: "beta2", about: "Adam's β₂" },
  eps: { kind: "number", takes: ["adagrad", "rmsprop", "adam"], flag: "eps", about: "ε, added to keep the denominator away from 0" },
  epsInsideSqrt: { kind: "boolean", takes: ["adagrad", "rmsprop"], about: "ε inside the root, √(v + ε), or outside, √v + ε (PyTorch)" },
  initialAccumulator: { kind: "number", takes: ["adagrad", "rmsprop"], flag: "initial-accumulator", about: "the accumulator's starting value (G₀, E₀)" },
  centered: { kind: "boolean", takes: ["rmsprop"], flag: "centered", about: "divide by the variance E[g²] − E[g]², not the mean square" },
  momentum: { kind: "number", takes: ["rmsprop"], flag: "momentum", about: "μ of a momentum buffer on the scaled gradient" },
  weightDecay: { kind: "number", takes: ["rmsprop", "adam"], flag: "weight-decay", about: "λ: coupled (RMSProp, g + λθ) or decoupled (AdamW)" },
  biasCorrection: { kind: "boolean", takes: ["rmsprop"], flag: "bias-correction", about: "divide E by 1 − βᵗ (optax)" },
  arithmetic: { kind: "string", values: ARITHMETIC, takes: ["adagrad", "rmsprop"], flag: "arithmetic", about: "round as the original's numpy code or as torch.optim" },
  ema: { kind: "boolean", takes: ["momentum"], about: "momentum as an average, β·v + (1 − β)·g (true), or heavy ball, β·v + g" },
} as const satisfies Record<string, OptionSpec>;

type Value<S extends OptionSpec> = S["kind"] extends "number" | "integer" ? number : S["kind"] extends "boolean" ? boolean
  : S extends { readonly values: readonly (infer V)[] } ? V : string;

/** Every option any optimizer takes; `beta` is RMSProp's β, momentum's β and Adam's β₁. */
export type OptimizerOptions = { readonly [N in keyof typeof OPTIMIZER_OPTIONS]?: Value<(typeof OPTIMIZER_OPTIONS)[N]> };
export type OptionName = keyof typeof OPTIMIZER_OPTIONS;

/** The options optimizer `name` takes. */
export function optionsOf(name: OptimizerName): OptionName[] {
  return (Object.keys(OPTIMIZER_OPTIONS) as OptionName[]).filter((k) => (OPTIMIZER_OPTIONS[k].takes as readonly string[]).includes(name));
}
