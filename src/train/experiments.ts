import { generateSpiralData, type Dataset } from "../data/spiral";
import { DEFAULTS } from "../defaults";
import { checkInteger } from "../errors";
import { createOptimizer, type Optimizer, type OptimizerName, type OptimizerOptions } from "../optim/index";
import { fit, type FitOptions, type Run } from "./fit";
import { finalLossLine } from "./report";

/** The settings of a run besides the optimizer's, with what they mean (the CLI's flags are their names). */
export const RUN_SETTINGS = {
  epochs: { kind: "integer", about: "training epochs (passes over the data)" },
  batchSize: { kind: "integer", about: "samples per update (default: all, full batch)" },
  hidden: { kind: "integer", about: "hidden units" },
  samples: { kind: "integer", about: "samples of the spiral" },
  noise: { kind: "number", about: "noise on the spiral's coordinates" },
  seed: { kind: "integer", about: "seed of the spiral and of the starting weights" },
} as const satisfies Record<string, { readonly kind: "number" | "integer"; readonly about: string }>;

/** Everything one training run depends on: the CLI's flags and the JSON `config`. Defaults: src/defaults. */
export interface RunConfig extends OptimizerOptions {
  readonly optimizer: OptimizerName | string;
  readonly epochs?: number;
  readonly hidden?: number;
  readonly samples?: number;
  readonly noise?: number;
  /** seeds the weights, and the spiral when no dataset is passed (the original always uses 42 for both) */
  readonly seed?: number;
  /** samples per update (default: all, full batch); the order is drawn as NetworkOptions.batchSize says */
  readonly batchSize?: number;
}

export type { Run } from "./fit";

/** What a caller may observe of a run: progress, each epoch's state. */
export type Hooks = Pick<FitOptions, "onProgress" | "progressEvery" | "onEpoch">;

/** How to train: on which data (default: the spiral the config describes), and what to observe. */
export interface TrainOptions extends Hooks {
  readonly data?: Dataset;
}

export interface PreparedRun {
  readonly optimizer: Optimizer;
  readonly data: Dataset;
  readonly options: FitOptions & { readonly epochs: number; readonly hidden: number; readonly seed: number; readonly batchSize?: number };
  readonly runConfig: Run["runConfig"];
}

/** Validate a config and build its spiral and optimizer, without training yet. */
export function prepare(config: RunConfig, data?: Dataset): PreparedRun {
  const seed = config.seed ?? DEFAULTS.seed;
  const noise = config.noise ?? DEFAULTS.noise;
  const { optimizer: name, epochs: _e, hidden: _h, samples: _s, noise: _n, seed: _seed, batchSize: _b, ...options } = config;
  const optimizer = createOptimizer(name, options);
  const epochs = checkInteger("epochs", config.epochs ?? DEFAULTS.epochs, 1);
  const hidden = checkInteger("hidden", config.hidden ?? DEFAULTS.hidden, 1);
  const d = data ?? generateSpiralData({ samples: config.samples ?? DEFAULTS.samples, noise, seed });
  const batchSize = config.batchSize === undefined ? undefined : checkInteger("batchSize", config.batchSize, 1, d.X.cols);
  const batched: { batchSize?: number } = batchSize !== undefined && batchSize < d.X.cols ? { batchSize } : {};
  const runConfig = { optimizer: optimizer.name, ...(config.preset ? { preset: config.preset } : {}), ...optimizer.config, epochs, hidden, samples: d.X.cols, noise, seed,
    ...(batched.batchSize === undefined ? {} : { batchSize: batched.batchSize }) };
  return { optimizer, data: d, options: { epochs, hidden, seed, ...batched }, runConfig };
}

/**
 * Build the optimizer and the network from one config and train, on `options.data` or on the spiral the config
 * describes: `train({ optimizer: "rmsprop", lr: 0.001, beta: 0.9 }, { data: data })`. (The data may also come third,
 * as in earlier versions: `train(config, hooks, data)`.)
 */
export function train(config: RunConfig, options: TrainOptions = {}, data?: Dataset): Run {
  const { data: given, ...hooks } = options;
  return runPrepared(prepare(config, data ?? given), hooks);
}

export function runPrepared(p: PreparedRun, hooks: Hooks = {}): Run {
  return { ...fit(p.data, p.optimizer, { ...p.options, ...hooks }), data: p.data, runConfig: p.runConfig };
}

/**
 * Train again as `run` was trained (the same optimizer settings, network size, seed and data), with `changes`
 * applied, e.g. `rerun(run, { epochs: 6000 })`.
 */
export function rerun(run: Run, changes: Partial<RunConfig> = {}, hooks: Hooks = {}): Run {
  const same = {
    optimizer: run.optimizer, ...run.config, epochs: run.losses.length, hidden: run.shape.nH, seed: Number(run.runConfig.seed),
    ...(run.runConfig.batchSize === undefined ? {} : { batchSize: Number(run.runConfig.batchSize) }),
  };
  return train({ ...same, ...changes }, { ...hooks, data: run.data });
}

/** The three runs of the original's §7, with its settings: the optimizers' defaults (src/optim/options). */
const ORIGINAL_COMPARISON = [
  { label: "1️⃣  Training Vanilla SGD...", config: { optimizer: "sgd" } },
  { label: "2️⃣  Training AdaGrad...", config: { optimizer: "adagrad" } },
  { label: "3️⃣  Training RMSProp...", config: { optimizer: "rmsprop" } },
] as const;

/**
 * Reproduce the original's §7 cell: train SGD, AdaGrad and RMSProp for `epochs` on the same spiral and print
 * its lines through `log`. Returns the three runs, in the original's order.
 */
export function compareOriginal(log: (line: string) => void, epochs: number = DEFAULTS.epochs, data: Dataset = generateSpiralData()): Run[] {
  log("🔬 Training Models...\n");
  const runs = ORIGINAL_COMPARISON.map(({ label, config }, i) => {
    log(`${i === 0 ? "" : "\n"}${label}`);
    const run = train({ ...config, epochs }, { data });
    log(finalLossLine(run));
    return run;
  });
  log("\n✅ All experiments complete!");
  return runs;
}
