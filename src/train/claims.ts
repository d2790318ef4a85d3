import type { Dataset } from "../data/spiral";
import { ORIGINAL_COMPARISON, train, type Run } from "./experiments";
import { epochsBelow, firstEpochStaysBelow } from "./summary";

/** The numbers behind the original's §8 observations, measured rather than asserted. */
export interface ClaimsCheck {
  readonly epochs: number;
  readonly finalLoss: { readonly sgd: number; readonly adagrad: number; readonly rmsprop: number };
  /** epochs (of `epochs`) at which RMSProp's loss is below AdaGrad's */
  readonly rmspropBelowAdagrad: number;
  /** learning rates the original gives AdaGrad and RMSProp, and their ratio */
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

/** Measure the original's claims on its own settings; `runs` are the three §7 runs in the original's order. */
export function checkOriginalClaims(runs: readonly Run[], data: Dataset, longEpochs = 6000): ClaimsCheck {
  const [sgd, adagrad, rmsprop] = runs as [Run, Run, Run];
  const last = (r: Run) => r.losses[r.losses.length - 1]!;
  const lrAdagrad = ORIGINAL_COMPARISON[1].config.lr;
  const lrRmsprop = ORIGINAL_COMPARISON[2].config.lr;
  const longA = train({ ...ORIGINAL_COMPARISON[1].config, epochs: longEpochs }, {}, data);
  const longR = train({ ...ORIGINAL_COMPARISON[2].config, epochs: longEpochs }, {}, data);
  return {
    epochs: rmsprop.losses.length,
    finalLoss: { sgd: last(sgd), adagrad: last(adagrad), rmsprop: last(rmsprop) },
    rmspropBelowAdagrad: epochsBelow(rmsprop.losses, adagrad.losses),
    rmspropLossIncreases: rmsprop.losses.reduce((n, v, i, a) => (i > 0 && v > a[i - 1]! ? n + 1 : n), 0),
    lrAdagrad,
    lrRmsprop,
    lrRatio: lrAdagrad / lrRmsprop,
    longEpochs,
    crossover: firstEpochStaysBelow(longR.losses, longA.losses),
    bestAccuracy: Math.max(...runs.map((r) => Math.max(...r.accuracies))),
    longAdagrad: longA,
    longRmsprop: longR,
  };
}
