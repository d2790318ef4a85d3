import type { Dataset } from "../data/spiral";
import { checkInteger } from "../errors";
import { pairwiseSum } from "../matrix";
import { prepare, runPrepared, train, type Hooks, type Run, type RunConfig } from "./experiments";
import { outcome } from "./summary";

export interface GridCell {
  readonly beta: number;
  readonly lr: number;
  readonly finalLoss: number;
  readonly finalAccuracy: number;
  readonly bestAccuracy: number;
  /** set when the run stopped on a non-finite loss or parameter */
  readonly divergedAt: number | null;
}

/** RMSProp trained for every (β, lr) pair: the sensitivity table and heat map. */
export function betaLrGrid(data: Dataset, betas: readonly number[], lrs: readonly number[], base: Omit<RunConfig, "optimizer" | "beta" | "lr"> = {},
  onCell?: (done: number, total: number, cell: GridCell) => void): GridCell[] {
  const cells: GridCell[] = [];
  for (const beta of betas) {
    for (const lr of lrs) {
      const r = train({ ...base, optimizer: "rmsprop", beta, lr }, {}, data);
      const cell = summary(r, { beta, lr });
      cells.push(cell);
      onCell?.(cells.length, betas.length * lrs.length, cell);
    }
  }
  return cells;
}

function summary<T extends object>(r: Run, extra: T): T & Omit<GridCell, "beta" | "lr"> {
  return { ...extra, ...outcome(r), divergedAt: r.diverged ? r.diverged.epoch : null };
}

export interface Tuned {
  /** the run with the lowest final loss */
  readonly best: Run;
  readonly tried: readonly ({ readonly lr: number } & Omit<GridCell, "beta" | "lr">)[];
}

/** Train one optimizer at each learning rate and keep the best final loss (diverged runs never win). */
export function tuneLearningRate(data: Dataset, config: RunConfig, lrs: readonly number[]): Tuned {
  let best: Run | undefined;
  const tried = lrs.map((lr) => {
    const r = train({ ...config, lr }, {}, data);
    const s = summary(r, { lr });
    if (!r.diverged && (best === undefined || s.finalLoss < best.losses[best.losses.length - 1]!)) best = r;
    return s;
  });
  if (!best) throw new Error(`every learning rate diverged for ${config.optimizer}: ${lrs.join(", ")}`);
  return { best, tried };
}

export interface LrTrace {
  /** per epoch: smallest, median and largest effective learning rate over all parameters */
  readonly min: Float64Array;
  readonly median: Float64Array;
  readonly max: Float64Array;
  readonly mean: Float64Array;
  readonly run: Run;
}

/**
 * Train and record, after every update, the distribution of the per-parameter effective learning rates, as the
 * optimizer's own rule computes them (`Optimizer.rates`).
 */
export function effectiveLrTrace(data: Dataset, config: RunConfig, hooks: Hooks = {}): LrTrace {
  const prepared = prepare(config, data);
  const epochs = checkInteger("epochs", prepared.options.epochs, 1);
  const min = new Float64Array(epochs), median = new Float64Array(epochs), max = new Float64Array(epochs), mean = new Float64Array(epochs);
  let rates: Float64Array | undefined;
  const run = runPrepared(prepared, {
    ...hooks,
    onEpoch: (epoch, params, state) => {
      rates ??= new Float64Array(Object.values(params).reduce((n, a) => n + a.length, 0));
      prepared.optimizer.rates(state, rates);
      const sorted = Float64Array.from(rates).sort();
      const i = epoch - 1;
      min[i] = sorted[0]!;
      max[i] = sorted[sorted.length - 1]!;
      const h = sorted.length >> 1;
      median[i] = sorted.length % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
      mean[i] = pairwiseSum(sorted) / sorted.length;
      hooks.onEpoch?.(epoch, params, state);
    },
  });
  return { min, median, max, mean, run };
}

/** γᵗ for t = 0 … T: how fast an exponentially weighted average forgets (d2l's chart). */
export function decayWeights(gamma: number, steps: number): Float64Array {
  return Float64Array.from({ length: steps + 1 }, (_v, t) => gamma ** t);
}
