import type { Run } from "./experiments";

export interface RunSummary {
  readonly optimizer: string;
  readonly lr: number;
  readonly beta: number | null;
  readonly epochs: number;
  readonly finalLoss: number;
  readonly finalAccuracy: number;
  readonly bestAccuracy: number;
}

/** The end-of-run numbers: final loss and accuracy, best accuracy; NaN for a run that diverged before its first epoch. */
export function outcome(r: Run): Pick<RunSummary, "finalLoss" | "finalAccuracy" | "bestAccuracy"> {
  const n = r.losses.length;
  return {
    finalLoss: n > 0 ? r.losses[n - 1]! : Number.NaN,
    finalAccuracy: n > 0 ? r.accuracies[n - 1]! : Number.NaN,
    bestAccuracy: n > 0 ? Math.max(...r.accuracies) : Number.NaN,
  };
}

/** One row per run: the numbers a results table shows. */
export function summarize(runs: readonly Run[]): RunSummary[] {
  return runs.map((r) => ({
    optimizer: r.optimizer,
    lr: Number(r.config.lr),
    beta: typeof r.config.beta === "number" ? r.config.beta : null,
    epochs: r.losses.length,
    ...outcome(r),
  }));
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
