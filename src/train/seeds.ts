/**
 * Evidence over seeds: one setting trained from several starting points (weight seeds) and, where the data matter,
 * on several spirals (data seeds), so that a ranking is stated only where it exceeds what a new draw changes.
 */
import { generateSpiralData, type Dataset } from "../data/spiral";
import { DEFAULTS } from "../defaults";
import { checkInteger, ValidationError } from "../errors";
import type { Run, RunConfig } from "./experiments";
import { trainRuns } from "./parallel";

/** Mean, standard deviation (n − 1 in the denominator) and range of some values. */
export interface SeedSpread {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

export function seedSpread(values: ArrayLike<number>): SeedSpread {
  const n = values.length;
  if (n === 0) throw new ValidationError("values", "[]", "at least one value");
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0, min, max };
}

/** One setting over seeds: every run's final loss and accuracy, in the order (data seed, weight seed). */
export interface SeedRuns {
  readonly config: RunConfig;
  readonly seeds: readonly number[];
  readonly dataSeeds: readonly number[];
  /**
   * the runs, data seed by data seed, weight seed by weight seed (a run that diverged ends early). Unless the
   * runs were trained with `curves: true`, they are trained again, bit for bit, when this is first read.
   */
  readonly runs: readonly Run[];
  readonly finalLosses: Float64Array;
  readonly finalAccuracies: Float64Array;
  /** runs that diverged: their final loss is NaN and they are left out of `loss` and `accuracy` */
  readonly diverged: number;
  readonly loss: SeedSpread;
  readonly accuracy: SeedSpread;
}

export interface SeedOptions {
  /** weight seeds (default: SEEDS, 42 to 49) */
  readonly seeds?: readonly number[];
  /** spirals drawn with these seeds (default: the one the config describes, seed 42's) */
  readonly dataSeeds?: readonly number[];
  /** or one given dataset for every run */
  readonly data?: Dataset;
  /** called after each run, in order of completion */
  readonly onRun?: (done: number, total: number) => void;
  /**
   * true: keep every run's loss and accuracy at each epoch, for reading `runs`. By default each run keeps only its
   * final numbers, which skips the loss's logarithms at the other epochs (a fifth of the time); `runs`, if read,
   * trains them again with their curves.
   */
  readonly curves?: boolean;
}

/** The eight weight seeds the notebooks' evidence uses: 42 (the original's) to 49. */
export const SEEDS: readonly number[] = Object.freeze(Array.from({ length: 8 }, (_, i) => DEFAULTS.seed + i));

function checkSeeds(name: string, seeds: readonly number[]): readonly number[] {
  if (!Array.isArray(seeds) || seeds.length === 0) throw new ValidationError(name, seeds, "a non-empty array of integer seeds");
  seeds.forEach((s, i) => checkInteger(`${name}[${i}]`, s, 0, 2 ** 32 - 1));
  return seeds;
}

/**
 * Train `config` once per weight seed (and per data seed): on several threads where they can run (./parallel), each
 * run bit for bit the run `train` gives. The spread is over every finite run.
 */
export function overSeeds(config: RunConfig, options: SeedOptions = {}): SeedRuns {
  return overSeedsAll([config], options)[0]!;
}

/**
 * `overSeeds` for several settings at once, in their order: every run of every setting in one pool of threads, so
 * that the threads stay busy across settings (one worker's start costs more than a few runs). `onRun` counts the
 * runs of all settings together.
 */
export function overSeedsAll(configs: readonly RunConfig[], options: SeedOptions = {}): SeedRuns[] {
  if (!Array.isArray(configs) || configs.length === 0) throw new ValidationError("configs", configs, "a non-empty array of settings");
  const seeds = checkSeeds("seeds", options.seeds ?? SEEDS);
  if (options.data && options.dataSeeds) throw new ValidationError("dataSeeds", options.dataSeeds, "no data seeds when data is given");
  // the spirals of each setting: the given one, or one per data seed (drawn once for every setting that shares them)
  const drawn = new Map<string, Dataset>();
  const spiral = (config: RunConfig, seed: number): Dataset => {
    const settings = { samples: config.samples ?? DEFAULTS.samples, noise: config.noise ?? DEFAULTS.noise, seed };
    const key = JSON.stringify(settings);
    if (!drawn.has(key)) drawn.set(key, generateSpiralData(settings));
    return drawn.get(key)!;
  };
  const plans = configs.map((config) => {
    const dataSeeds = options.data ? [] : checkSeeds("dataSeeds", options.dataSeeds ?? [config.seed ?? DEFAULTS.seed]);
    const sets = options.data ? [options.data] : dataSeeds.map((seed) => spiral(config, seed));
    return { config, dataSeeds, sets };
  });
  // one pool per dataset, every (setting, weight seed) on it
  const byData = new Map<Dataset, { plan: number; set: number; seed: number; k: number }[]>();
  plans.forEach((p, plan) => p.sets.forEach((d, set) => {
    if (!byData.has(d)) byData.set(d, []);
    seeds.forEach((seed, k) => byData.get(d)!.push({ plan, set, seed, k }));
  }));
  const total = plans.reduce((n, p) => n + p.sets.length * seeds.length, 0);
  let done = 0;
  const curves = options.curves ?? false;
  const runsOf = plans.map((p) => p.sets.map(() => new Array<Run>(seeds.length)));
  for (const [data, jobs] of byData) {
    const trained = trainRuns(jobs.map((j) => ({ ...plans[j.plan]!.config, seed: j.seed })), data,
      () => options.onRun?.(++done, total), curves);
    jobs.forEach((j, n) => { runsOf[j.plan]![j.set]![j.k] = trained[n]!; });
  }
  return plans.map((p, i) => {
    const runs = runsOf[i]!.flat();
    // the runs with their curves: these, or trained again (each bit for bit the same run) when first read
    let full: readonly Run[] | undefined = curves ? runs : undefined;
    const withCurves = () => (full ??= p.sets.flatMap((d) =>
      trainRuns(seeds.map((seed) => ({ ...p.config, seed })), d, undefined, true)));
    return summarize(p.config, seeds, p.dataSeeds, runs, withCurves);
  });
}

/** The final losses and accuracies of a setting's runs, and their spread over the finite ones. */
function summarize(config: RunConfig, seeds: readonly number[], dataSeeds: readonly number[], runs: Run[],
  withCurves: () => readonly Run[]): SeedRuns {
  const finalLosses = Float64Array.from(runs, (r) => (r.diverged ? NaN : r.losses[r.losses.length - 1]!));
  const finalAccuracies = Float64Array.from(runs, (r) => (r.diverged ? NaN : r.accuracies[r.accuracies.length - 1]!));
  const finite = (a: Float64Array) => a.filter((v) => !Number.isNaN(v));
  const diverged = runs.filter((r) => r.diverged).length;
  const nan: SeedSpread = { n: 0, mean: NaN, sd: NaN, min: NaN, max: NaN };
  return {
    config, seeds, dataSeeds, get runs() { return withCurves(); }, finalLosses, finalAccuracies, diverged,
    loss: diverged === runs.length ? nan : seedSpread(finite(finalLosses)),
    accuracy: diverged === runs.length ? nan : seedSpread(finite(finalAccuracies)),
  };
}

/** Per epoch, across a setting's runs: the median and the range of one of their curves (see `curveBand`). */
export interface CurveBand {
  readonly median: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/**
 * A curve (`losses` or `accuracies`) summarized across a setting's runs, epoch by epoch: the median (of an even
 * count, the mean of the two middle values), the smallest and the largest, for a line with a band. A run that
 * diverged counts up to its last epoch. Reads `runs`, so runs kept without their curves are trained again.
 */
export function curveBand(s: SeedRuns, curve: "losses" | "accuracies"): CurveBand {
  const curves = s.runs.map((r) => r[curve]);
  const length = Math.max(0, ...curves.map((c) => c.length));
  const band = { median: new Float64Array(length), lo: new Float64Array(length), hi: new Float64Array(length) };
  const values = new Float64Array(curves.length);
  for (let e = 0; e < length; e++) {
    let n = 0;
    for (const c of curves) if (e < c.length) values[n++] = c[e]!;
    const sorted = values.subarray(0, n).sort();
    const h = n >> 1;
    band.median[e] = n % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
    band.lo[e] = sorted[0]!;
    band.hi[e] = sorted[n - 1]!;
  }
  return band;
}

/** Which of two settings ends lower, if the difference of their mean final losses exceeds the larger spread. */
export interface SeedComparison {
  /** mean(a) − mean(b) */
  readonly difference: number;
  /** the larger of the two standard deviations: what one new draw moves a final loss by */
  readonly spread: number;
  /** "a" or "b": lower, beyond the spread; "within noise" otherwise */
  readonly lower: "a" | "b" | "within noise";
  /** for runs on the same seeds: at how many of them a ends below b */
  readonly aBelowB: number;
  readonly n: number;
}

export function compareOverSeeds(a: SeedRuns, b: SeedRuns): SeedComparison {
  const difference = a.loss.mean - b.loss.mean;
  const spread = Math.max(a.loss.sd, b.loss.sd);
  const lower = Math.abs(difference) > spread ? (difference < 0 ? "a" : "b") : "within noise";
  const n = Math.min(a.finalLosses.length, b.finalLosses.length);
  let aBelowB = 0;
  for (let i = 0; i < n; i++) if (a.finalLosses[i]! < b.finalLosses[i]!) aBelowB++;
  return { difference, spread, lower, aBelowB, n };
}
