import type { Dataset } from "../data/spiral";
import { checkInteger } from "../errors";
import { pairwiseSum } from "../matrix";
import { initParams } from "../nn/mlp";
import { prepare, runPrepared, train, type Hooks, type Run, type RunConfig } from "./experiments";
import { outcome } from "./summary";
import { trainAll } from "./parallel";

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
  const pairs = betas.flatMap((beta) => lrs.map((lr) => ({ beta, lr })));
  // independent runs: on worker threads where there are cores to spare (./parallel), the same bits as here
  const runs = trainAll(pairs.map((p) => ({ ...base, optimizer: "rmsprop", ...p })), data,
    (done, total, r, i) => onCell?.(done, total, summary(r, pairs[i]!)));
  return runs.map((r, i) => summary(r, pairs[i]!));
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
  const runs = trainAll(lrs.map((lr) => ({ ...config, lr })), data);
  const tried = lrs.map((lr, i) => {
    const r = runs[i]!;
    const s = summary(r, { lr });
    if (!r.diverged && (best === undefined || s.finalLoss < best.losses[best.losses.length - 1]!)) best = r;
    return s;
  });
  if (!best) throw new Error(`every learning rate diverged for ${config.optimizer}: ${lrs.join(", ")}`);
  return { best, tried };
}

/** Per epoch, over all parameters: the smallest, median and largest of a quantity. */
export interface Spread {
  readonly min: Float64Array;
  readonly median: Float64Array;
  readonly max: Float64Array;
}

export interface LrTrace extends Spread {
  readonly mean: Float64Array;
  /** the size of each parameter's step, |θ_{t+1} − θ_t|, per epoch (the minimum over the steps that are not 0) */
  readonly steps: Spread;
  readonly run: Run;
}

/** Spreads filled epoch by epoch; `movedOnly`: the minimum is that of the non-zero values (a parameter that did not move has no place on a log scale). */
function spread(epochs: number, movedOnly = false): Spread & { set(i: number, values: Float64Array): Float64Array } {
  const min = new Float64Array(epochs), median = new Float64Array(epochs), max = new Float64Array(epochs);
  return {
    min, median, max,
    set(i, values) {
      const sorted = values.sort();
      min[i] = movedOnly ? (sorted.find((v) => v > 0) ?? 0) : sorted[0]!;
      max[i] = sorted[sorted.length - 1]!;
      const h = sorted.length >> 1;
      median[i] = sorted.length % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
      return sorted;
    },
  };
}

/**
 * Train and record, after every update, the distribution of the per-parameter effective learning rates, as the
 * optimizer's own rule computes them (`Optimizer.rates`), and of the steps the parameters took.
 */
export function effectiveLrTrace(data: Dataset, config: RunConfig, hooks: Hooks = {}): LrTrace {
  const prepared = prepare(config, data);
  const epochs = checkInteger("epochs", prepared.options.epochs, 1);
  const rates = spread(epochs);
  const steps = spread(epochs, true);
  const mean = new Float64Array(epochs);
  let values: Float64Array | undefined;
  let before: Float64Array | undefined;
  let moved: Float64Array | undefined;
  const start = initParams({ nX: data.X.rows, nH: prepared.options.hidden, nY: data.Y.rows }, prepared.options.seed);
  const run = runPrepared(prepared, {
    ...hooks,
    onEpoch: (epoch, params, state) => {
      const n = Object.values(params).reduce((k, a) => k + a.length, 0);
      values ??= new Float64Array(n);
      moved ??= new Float64Array(n);
      before ??= flatten(start, new Float64Array(n));
      const i = epoch - 1;
      mean[i] = pairwiseSum(rates.set(i, prepared.optimizer.rates(state, values))) / n;
      let j = 0;
      for (const name in params) for (const v of params[name as keyof typeof params]) moved[j] = Math.abs(v - before[j]!), before[j++] = v;
      steps.set(i, moved);
      hooks.onEpoch?.(epoch, params, state);
    },
  });
  return { min: rates.min, median: rates.median, max: rates.max, mean, steps: { min: steps.min, median: steps.median, max: steps.max }, run };
}

function flatten(p: Readonly<Record<string, Float64Array>>, out: Float64Array): Float64Array {
  let j = 0;
  for (const name in p) for (const v of p[name]!) out[j++] = v;
  return out;
}

/**
 * For each run, the index of an earlier run whose losses are the same, bit for bit (the same rule with the same
 * settings), or −1.
 */
export function identicalRuns(runs: readonly { readonly losses: Float64Array }[]): number[] {
  return runs.map((r, i) => runs.findIndex((q, k) => k < i && q.losses.length === r.losses.length && q.losses.every((v, e) => Object.is(v, r.losses[e]))));
}

/** |a − b|/|a| at each index: how far one curve has moved from another. */
export function relativeGap(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: Math.min(a.length, b.length) }, (_v, i) => Math.abs(a[i]! - b[i]!) / Math.abs(a[i]!));
}

/** The first index (1-based: an epoch or a step) where `values` exceeds `threshold`, or null. */
export function firstAbove(values: ArrayLike<number>, threshold: number): number | null {
  for (let i = 0; i < values.length; i++) if (values[i]! > threshold) return i + 1;
  return null;
}

/** How often a series changes sign (a zero is no sign): the zig-zags of an oscillating path. */
export function signChanges(values: ArrayLike<number>): number {
  let changes = 0;
  let sign = 0;
  for (let i = 0; i < values.length; i++) {
    const s = Math.sign(values[i]!);
    if (s !== 0 && sign !== 0 && s !== sign) changes++;
    if (s !== 0) sign = s;
  }
  return changes;
}

/** An exponentially weighted average's memory: its weights (1 − β)·βᵗ add up to 1 over about 1/(1 − β) steps. */
export function memory(beta: number): number {
  return 1 / (1 - beta);
}

/** The age, in steps, at which a value's weight in the average has halved: ln 0.5 / ln β. */
export function halfLife(beta: number): number {
  return Math.log(0.5) / Math.log(beta);
}

/** βᵗ for t = 0 … T: how fast an exponentially weighted average forgets (d2l's chart). */
export function decayWeights(beta: number, steps: number): Float64Array {
  return Float64Array.from({ length: steps + 1 }, (_v, t) => beta ** t);
}

/** Items that finished (no divergence), from the lowest final loss up: a diverged run's last finite loss ranks nothing. */
export function rankByFinalLoss<T extends { readonly finalLoss: number; readonly divergedAt: number | null }>(items: readonly T[]): T[] {
  return items.filter((c) => c.divergedAt === null).sort((a, b) => a.finalLoss - b.finalLoss);
}

/** Two optimizers of a learning-rate search, side by side at each α both tried. */
export interface HeadToHead {
  /** each α at which both finished, with each one's final loss */
  readonly rows: readonly { readonly lr: number; readonly a: number; readonly b: number }[];
  /** the runs of either that diverged */
  readonly diverged: readonly { readonly optimizer: string; readonly lr: number }[];
}

/** The final losses of optimizers `a` and `b` at each learning rate of `tuneLearningRate` searches both ran. */
export function headToHead(tuned: readonly Tuned[], a: string, b: string): HeadToHead {
  const of = (name: string) => tuned.find((t) => t.best.optimizer === name)?.tried ?? [];
  const [triedA, triedB] = [of(a), of(b)];
  const rows = triedA.flatMap((x) => {
    const y = triedB.find((c) => c.lr === x.lr);
    return y && x.divergedAt === null && y.divergedAt === null ? [{ lr: x.lr, a: x.finalLoss, b: y.finalLoss }] : [];
  });
  const diverged = [...triedA.map((c) => ({ ...c, optimizer: a })), ...triedB.map((c) => ({ ...c, optimizer: b }))]
    .filter((c) => c.divergedAt !== null).map((c) => ({ optimizer: c.optimizer, lr: c.lr }));
  return { rows, diverged };
}

/** A trace of effective rates (`effectiveLrTrace`) in a few numbers. */
export interface RateSummary {
  /** how many parameters, and epochs */
  readonly parameters: number;
  readonly epochs: number;
  /** the median rate after the first and the last epoch, and its smallest and largest over the run */
  readonly first: number;
  readonly last: number;
  readonly smallest: number;
  readonly largest: number;
  /** at how many epochs (of epochs − 1) the median went up */
  readonly rises: number;
  /** after the last epoch: the largest rate over the smallest, and the same in orders of magnitude (log₁₀) */
  readonly spread: number;
  readonly orders: number;
  /** the last epoch's largest and median step |θₜ₊₁ − θₜ|, in units of α */
  readonly largestStep: number;
  readonly medianStep: number;
}

export function summarizeRates(trace: LrTrace): RateSummary {
  const m = trace.median;
  const n = m.length;
  const end = (a: Float64Array) => a[n - 1]!;
  let rises = 0;
  let [lo, hi] = [Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    if (i > 0 && m[i]! > m[i - 1]!) rises++;
    lo = Math.min(lo, m[i]!);
    hi = Math.max(hi, m[i]!);
  }
  const lr = Number(trace.run.config.lr);
  const spread = end(trace.max) / end(trace.min);
  return {
    parameters: Object.values(trace.run.params).reduce((k, a) => k + a.length, 0),
    epochs: n,
    first: m[0]!,
    last: end(m),
    smallest: lo,
    largest: hi,
    rises,
    spread,
    orders: Math.log10(spread),
    largestStep: end(trace.steps.max) / lr,
    medianStep: end(trace.steps.median) / lr,
  };
}

/** How long two loss curves agree, and how far they part. */
export interface Agreement {
  /** the last epoch up to which they agree to 12 and to 6 significant digits (relative gap ≤ 1e-12, 1e-6) */
  readonly agree12: number;
  readonly agree6: number;
  /** the largest relative gap |a − b|/|a|, and its epoch (1-based) */
  readonly largestGap: number;
  readonly largestGapEpoch: number;
  /** the first epoch at which they differ at all, and the relative gap there (null: they never differ) */
  readonly firstDifference: { readonly epoch: number; readonly gap: number } | null;
}

export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): Agreement {
  const gap = relativeGap(a, b);
  const until = (t: number) => (firstAbove(gap, t) ?? gap.length + 1) - 1;
  let worst = 0;
  for (let i = 1; i < gap.length; i++) if (gap[i]! > gap[worst]!) worst = i;
  const first = firstAbove(gap, 0);
  return {
    agree12: until(1e-12),
    agree6: until(1e-6),
    largestGap: gap.length > 0 ? gap[worst]! : 0,
    largestGapEpoch: gap.length > 0 ? worst + 1 : 0,
    firstDifference: first === null ? null : { epoch: first, gap: gap[first - 1]! },
  };
}
