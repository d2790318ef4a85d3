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

/**
 * Measure the original's claims on the §7 runs (SGD, AdaGrad, RMSProp, in the original's order), with whatever
 * settings they were trained with; the longer runs repeat the AdaGrad and RMSProp runs' settings.
 */
export function checkOriginalClaims(runs: readonly Run[], longEpochs = 6000): ClaimsCheck {
  const [sgd, adagrad, rmsprop] = runs as [Run, Run, Run];
  const last = (r: Run) => r.losses[r.losses.length - 1]!;
  const lrAdagrad = Number(adagrad.config.lr);
  const lrRmsprop = Number(rmsprop.config.lr);
  const longA = rerun(adagrad, { epochs: longEpochs });
  const longR = rerun(rmsprop, { epochs: longEpochs });
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
