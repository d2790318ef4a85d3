import type { Run } from "./experiments";

/** The end-of-run numbers of a training run. */
export interface Outcome {
  readonly finalLoss: number;
  readonly finalAccuracy: number;
  /** the best accuracy at any epoch */
  readonly bestAccuracy: number;
}

/** The end-of-run numbers: final loss and accuracy, best accuracy; NaN for a run that diverged before its first epoch. */
export function outcome(r: Run): Outcome {
  const n = r.losses.length;
  return {
    finalLoss: n > 0 ? r.losses[n - 1]! : Number.NaN,
    finalAccuracy: n > 0 ? r.accuracies[n - 1]! : Number.NaN,
    bestAccuracy: n > 0 ? Math.max(...r.accuracies) : Number.NaN,
  };
}

/** The first epoch (1-based) from which `a` stays below `b` until the end, or null if it never gets there. */
export function firstEpochStaysBelow(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = Math.min(a.length, b.length);
  let since: number | null = null;
  for (let i = 0; i < n; i++) {
    if (a[i]! < b[i]!) since ??= i + 1;
    else since = null;
  }
  return since;
}

/** How many epochs `a` is strictly below `b`. */
export function epochsBelow(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i]! < b[i]!) count++;
  return count;
}
