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

/** One row per run: the numbers a results table shows. */
export function summarize(runs: readonly Run[]): RunSummary[] {
  return runs.map((r) => ({
    optimizer: r.optimizer,
    lr: Number(r.config.lr),
    beta: typeof r.config.beta === "number" ? r.config.beta : null,
    epochs: r.losses.length,
    finalLoss: r.losses[r.losses.length - 1]!,
    finalAccuracy: r.accuracies[r.accuracies.length - 1]!,
    bestAccuracy: Math.max(...r.accuracies),
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
