/**
 * What a reader can set in the playground, in one place for the page that runs it (./page) and for the notebook
 * that shows it (src/notebook/playground): the settings, each control's range, where a playground starts, and the
 * checks a setting passes before anything trains. Every check is the library's own (src/errors), so a bad value
 * reads the same in a notebook cell and next to a control in the browser.
 */
import type { Dataset } from "../data/spiral";
import { checkInteger, checkPositive, checkUnitInterval, ValidationError } from "../errors";
import { DEFAULTS } from "../defaults";
import { createOptimizer, entryOf, isOptimizerName, OPTIMIZER_NAMES, RMSPROP_DEFAULTS, type Optimizer, type OptimizerName } from "../optim/index";
import { prepare, type RunConfig } from "../train/experiments";
import { minimize, OBJECTIVES, type MinimizeResult } from "../train/minimize";

export interface PlaygroundSettings {
  readonly optimizer: OptimizerName;
  /** α on the spiral */
  readonly lr: number;
  /** the β control: the option of the optimizer's registry entry it sets (RMSProp's and momentum's β, Adam's β₁) */
  readonly beta: number;
  readonly eps: number;
  readonly hidden: number;
  readonly epochs: number;
  /** α on the 2-D valley, where the spiral's α would barely move; β and ε are the spiral's */
  readonly valleyLr: number;
  readonly valleySteps: number;
}
export type NumericSetting = Exclude<keyof PlaygroundSettings, "optimizer">;

/** One playground: the optimizers a reader may pick, where it starts, and what "reset" calls those settings. */
export interface PlaygroundSpec {
  readonly optimizers: readonly OptimizerName[];
  readonly start: PlaygroundSettings;
  /** "the original's settings": the reset button says "reset to …" */
  readonly startName: string;
}

/** The original notebook's RMSProp run (§7), final loss 0.6372, and d2l's valley (α 0.4, 20 steps). */
export const ORIGINAL: PlaygroundSettings = {
  optimizer: "rmsprop", ...RMSPROP_DEFAULTS, hidden: DEFAULTS.hidden, epochs: DEFAULTS.epochs, valleyLr: 0.4, valleySteps: 20,
};
export const ORIGINAL_NAME = "the original's settings";

/** The valley of d2l's RMSProp chapter: f(x) = 0.1·x₁² + 2·x₂² from (−5, −2), drawn over this window. */
export const VALLEY = {
  objective: OBJECTIVES.d2l,
  x0: [-5, -2],
  domain: { x: [-5.5, 1.5], y: [-3, 3] },
} as const;

/**
 * A numeric control: a slider over [min, max] (over [10^min, 10^max] when `log`, keeping `log.digits` significant
 * digits) and a box to type any value that `check` and the library accept. `check` is the playground's own bound
 * where the library takes any size: a 10⁶-unit network would keep the training thread busy for minutes.
 */
export interface Control {
  readonly key: NumericSetting;
  readonly label: string;
  readonly log?: { readonly digits: number };
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** a control of the valley's, not the spiral's */
  readonly valley?: boolean;
  readonly check?: (v: number) => number;
}

export const CONTROLS: readonly Control[] = [
  { key: "lr", label: "α, learning rate", log: { digits: 3 }, min: -4, max: 1, step: 0.05 },
  // β and ε are checked as every optimizer that takes them checks them, even while the optimizer in use does not,
  // so that switching to one never meets a value refused long before
  { key: "beta", label: "β", min: 0, max: 0.999, step: 0.001, check: (v) => checkUnitInterval("beta", v) },
  { key: "eps", label: "ε", log: { digits: 1 }, min: -10, max: -2, step: 1, check: (v) => checkPositive("eps", v) },
  { key: "hidden", label: "hidden units", min: 1, max: 128, step: 1, check: (v) => checkInteger("hidden", v, 1, 128) },
  { key: "epochs", label: "epochs", min: 100, max: 10000, step: 100, check: (v) => checkInteger("epochs", v, 1, 10000) },
  { key: "valleyLr", label: "valley α", log: { digits: 3 }, min: -3, max: 1, step: 0.05, valley: true, check: (v) => checkPositive("valleyLr", v) },
  { key: "valleySteps", label: "valley steps", min: 1, max: 200, step: 1, valley: true, check: (v) => checkInteger("valleySteps", v, 1, 200) },
];

/** The setting a library error is about: its parameter when that is a setting's name; undefined for any other. */
export function settingOf(parameter: string): NumericSetting | undefined {
  return CONTROLS.find((c) => c.key === parameter)?.key;
}

/** Whether the optimizer uses a setting: β where its registry entry has a β control, ε where it takes one. */
export function uses(optimizer: OptimizerName, key: NumericSetting): boolean {
  const e = entryOf(optimizer);
  return key === "beta" ? e.beta !== undefined : key === "eps" ? "eps" in e.options : true;
}

/** The options of the optimizer for α = `lr`: β (as the option its entry names) and ε only where it takes them. */
function optimizerOptions(s: PlaygroundSettings, lr: number): RunConfig {
  const beta = entryOf(s.optimizer).beta;
  return { optimizer: s.optimizer, lr, ...(beta ? { [beta]: s.beta } : {}), ...(uses(s.optimizer, "eps") ? { eps: s.eps } : {}) };
}

/** The training run of the settings on the spiral. */
export function runConfigOf(s: PlaygroundSettings): RunConfig {
  return { ...optimizerOptions(s, s.lr), hidden: s.hidden, epochs: s.epochs };
}

/** The optimizer on the valley: the valley's α, the spiral's β and ε. */
function valleyOptimizer(s: PlaygroundSettings): Optimizer {
  const { optimizer, ...options } = optimizerOptions(s, s.valleyLr);
  return createOptimizer(optimizer, options);
}

/** The optimizer's path on the valley: `valleySteps` steps from (−5, −2). */
export function valleyPath(s: PlaygroundSettings): MinimizeResult {
  return minimize(VALLEY.objective, VALLEY.x0, valleyOptimizer(s), s.valleySteps);
}

/**
 * Check every setting as a run would, without training: each control's own bound, then the library's checks of the
 * spiral's run and of the valley's optimizer. Throws the library's ValidationError, naming the setting.
 */
export function checkSettings(s: PlaygroundSettings, data?: Dataset): PlaygroundSettings {
  if (!isOptimizerName(s.optimizer)) throw new ValidationError("optimizer", s.optimizer, `one of ${OPTIMIZER_NAMES.join(", ")}`);
  for (const c of CONTROLS) {
    const v = s[c.key];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ValidationError(c.key, v, "a finite number");
    c.check?.(v);
  }
  prepare(runConfigOf(s), data);
  valleyOptimizer(s);
  return s;
}

/** What a notebook may ask of a playground (see `playgroundSpec`). */
export interface PlaygroundOptions {
  /** the optimizers to choose from (default: every optimizer of the registry; with one, the playground is about that optimizer alone) */
  readonly optimizers?: readonly string[];
  /** where it starts and what "reset" brings back: any settings, over the original's (optimizer: the first of `optimizers`) */
  readonly start?: Partial<Omit<PlaygroundSettings, "optimizer">> & { readonly optimizer?: string };
  /** what the reset button calls the start (default "the original's settings"; "§6's settings") */
  readonly startName?: string;
}

/** A checked playground spec from a notebook's options. Throws ValidationError naming the bad option. */
export function playgroundSpec(options: PlaygroundOptions = {}): PlaygroundSpec {
  const optimizers = [...new Set(options.optimizers ?? OPTIMIZER_NAMES)];
  if (optimizers.length === 0) throw new ValidationError("optimizers", options.optimizers, "at least one optimizer");
  for (const o of optimizers) {
    if (!isOptimizerName(o)) throw new ValidationError("optimizers", o, `names among ${OPTIMIZER_NAMES.join(", ")}`);
  }
  const optimizer = options.start?.optimizer ?? options.optimizers?.[0] ?? ORIGINAL.optimizer;
  if (!optimizers.includes(optimizer)) throw new ValidationError("start.optimizer", optimizer, `one of the playground's optimizers, ${optimizers.join(", ")}`);
  for (const key of Object.keys(options.start ?? {})) {
    if (key !== "optimizer" && !CONTROLS.some((c) => c.key === key)) {
      throw new ValidationError(`start.${key}`, (options.start as Record<string, unknown>)[key], `a setting of the playground: ${CONTROLS.map((c) => c.key).join(", ")}`);
    }
  }
  const startName = options.startName ?? (options.start === undefined ? ORIGINAL_NAME : "the notebook's settings");
  if (typeof startName !== "string" || startName.trim() === "") throw new ValidationError("startName", startName, "a non-empty text");
  let start: PlaygroundSettings;
  try {
    start = checkSettings({ ...ORIGINAL, ...options.start, optimizer: optimizer as OptimizerName });
  } catch (e) {
    // named as the cell wrote it: start.beta
    const setting = e instanceof ValidationError ? settingOf(e.parameter) : undefined;
    throw setting && e instanceof ValidationError ? new ValidationError(`start.${setting}`, e.value, e.allowed) : e;
  }
  return { optimizers: optimizers as OptimizerName[], start, startName };
}
