/**
 * The numbers 7_7_adam.ipynb's markdown states, computed from its results. The notebook's cells print them and its
 * markdown cells say what they mean.
 */
import type { Run } from "../../train/experiments";
import type { MinimizeResult } from "../../train/minimize";
import { largest, last } from "../text";

/** §3: the second moment with and without bias correction. */
export interface BiasCorrectionNumbers {
  /** how many steps the series has */
  readonly steps: number;
  /** the mean of g² over them: what both averages estimate */
  readonly meanSquare: number;
  /** v_t and v̂_t after 10 steps and after the last */
  readonly v10: number;
  readonly vHat10: number;
  readonly vLast: number;
  readonly vHatLast: number;
  /** √(v̂/v) at step 10: how many times too large a step divided by an uncorrected √v would be */
  readonly tooLarge10: number;
}

export function biasCorrection(squares: ArrayLike<number>, v: ArrayLike<number>, vHat: ArrayLike<number>): BiasCorrectionNumbers {
  let sum = 0;
  for (let i = 0; i < squares.length; i++) sum += squares[i]!;
  return {
    steps: squares.length, meanSquare: sum / squares.length,
    v10: v[9]!, vHat10: vHat[9]!, vLast: last(v), vHatLast: last(vHat), tooLarge10: Math.sqrt(vHat[9]! / v[9]!),
  };
}

/** §5: one path on the narrow valley, and whether it overshoots x₁ = 0. */
export interface ValleyPath {
  readonly label: string;
  readonly steps: number;
  /** f and x₁ after the last step */
  readonly finalValue: number;
  readonly finalX1: number;
  /** the first step at which x₁ > 0 (null: never), and the largest x₁ reached */
  readonly crossedAt: number | null;
  readonly largestX1: number;
}

export function valley(paths: readonly (MinimizeResult & { readonly label: string })[]): ValleyPath[] {
  return paths.map((p) => {
    const x1 = p.trajectory.map((x) => x[0]!);
    const crossed = x1.findIndex((x) => x > 0);
    return {
      label: p.label, steps: x1.length - 1, finalValue: last(p.values), finalX1: last(x1),
      crossedAt: crossed > 0 ? crossed : null, largestX1: largest(x1),
    };
  });
}

/** §6: the runs ranked by final loss (lowest first), and the distinct learning rates they use (ascending). */
export function series(runs: readonly Run[], labels: readonly string[]): {
  readonly ranked: readonly { readonly label: string; readonly finalLoss: number }[];
  readonly learningRates: readonly number[];
} {
  const ranked = runs.map((r, i) => ({ label: labels[i] ?? r.optimizer, finalLoss: last(r.losses) })).sort((a, b) => a.finalLoss - b.finalLoss);
  return { ranked, learningRates: [...new Set(runs.map((r) => r.config.lr))].sort((a, b) => a - b) };
}
