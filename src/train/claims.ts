import { ValidationError } from "../errors";
import { rerun, type Run } from "./experiments";
import { epochsBelow, firstEpochStaysBelow } from "./summary";

/** The numbers behind the original's §8 observations, measured rather than asserted. */
export interface ClaimsCheck {
  readonly epochs: number;
  readonly finalLoss: { readonly sgd: number; readonly adagrad: number; readonly rmsprop: number };
  /** epochs (of `epochs`) at which RMSProp's loss is below AdaGrad's */
  readonly rmspropBelowAdagrad: number;
  /** the learning rates of the AdaGrad and RMSProp runs (the original's: 0.1 and 0.001), and their ratio */
  readonly lrAdagrad: number;
  readonly lrRmsprop: number;
  readonly lrRatio: number;
  /** trained for `longEpochs` with the same settings: the epoch from which RMSProp stays below AdaGrad (null: never) */
  readonly longEpochs: number;
  readonly crossover: number | null;
  /** epochs at which RMSProp's loss went up instead of down */
  readonly rmspropLossIncreases: number;
  /** best accuracy any of the three reaches at any epoch */
  readonly bestAccuracy: number;
  /** the longer AdaGrad and RMSProp runs behind `crossover` */
  readonly longAdagrad: Run;
  readonly longRmsprop: Run;
}

/** The longer AdaGrad and RMSProp runs behind the crossover: trained by the caller, or a number of epochs to retrain. */
export type LongRuns = number | { readonly adagrad: Run; readonly rmsprop: Run };

/**
 * Measure the original's claims on the §7 runs (SGD, AdaGrad, RMSProp, in the original's order), with whatever
 * settings they were trained with. `long` is either the longer AdaGrad and RMSProp runs, trained by the caller with
 * the same optimizers and settings (a notebook trains them with its own rules and loop), or a number of epochs for
 * which the library retrains them (default 6000).
 */
export function checkOriginalClaims(runs: readonly Run[], long: LongRuns = 6000): ClaimsCheck {
  if (!Array.isArray(runs) || runs.length !== 3) {
    throw new ValidationError("runs", Array.isArray(runs) ? `${runs.length} runs` : runs, "the three §7 runs: SGD, AdaGrad, RMSProp");
  }
  const [sgd, adagrad, rmsprop] = runs as [Run, Run, Run];
  const last = (r: Run) => r.losses[r.losses.length - 1]!;
  const lrAdagrad = Number(adagrad.config.lr);
  const lrRmsprop = Number(rmsprop.config.lr);
  const longA = typeof long === "number" ? rerun(adagrad, { epochs: long }) : sameSettings("long.adagrad", long.adagrad, adagrad);
  const longR = typeof long === "number" ? rerun(rmsprop, { epochs: long }) : sameSettings("long.rmsprop", long.rmsprop, rmsprop);
  return {
    epochs: rmsprop.losses.length,
    finalLoss: { sgd: last(sgd), adagrad: last(adagrad), rmsprop: last(rmsprop) },
    rmspropBelowAdagrad: epochsBelow(rmsprop.losses, adagrad.losses),
    rmspropLossIncreases: rmsprop.losses.reduce((n, v, i, a) => (i > 0 && v > a[i - 1]! ? n + 1 : n), 0),
    lrAdagrad,
    lrRmsprop,
    lrRatio: lrAdagrad / lrRmsprop,
    longEpochs: Math.min(longA.losses.length, longR.losses.length),
    crossover: firstEpochStaysBelow(longR.losses, longA.losses),
    bestAccuracy: Math.max(...runs.map((r) => Math.max(...r.accuracies))),
    longAdagrad: longA,
    longRmsprop: longR,
  };
}

/** A longer run that repeats `short`: the same optimizer, settings and network, at least as many epochs. */
function sameSettings(parameter: string, long: Run, short: Run): Run {
  const what = `a run of ${short.optimizer} with the settings and network of the §7 run, at least ${short.losses.length} epochs`;
  if (!long || typeof long !== "object" || !(long.losses instanceof Float64Array)) throw new ValidationError(parameter, long, what);
  const differ = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, keys: readonly string[]) =>
    keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${k} ${String(a[k])} where the §7 run has ${String(b[k])}`);
  const problems = [
    ...(long.optimizer === short.optimizer ? [] : [`optimizer ${long.optimizer} where the §7 run has ${short.optimizer}`]),
    ...differ(long.config, short.config, [...new Set([...Object.keys(long.config), ...Object.keys(short.config)])]),
    ...differ(long.runConfig, short.runConfig, ["hidden", "samples", "seed"]),
    ...(long.losses.length >= short.losses.length ? [] : [`${long.losses.length} epochs`]),
  ];
  if (problems.length > 0) throw new ValidationError(parameter, problems.join(", "), what);
  return long;
}
