import type { RunSummary } from "../train/summary";
import type { Cell, FrameLike } from "./table";

/** A danfojs-node DataFrame from row objects (danfojs is loaded on first use: it brings TensorFlow.js along). */
export async function frameOf(rows: readonly Readonly<Record<string, Cell>>[]): Promise<FrameLike> {
  const dfd = await import("danfojs-node");
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return new dfd.DataFrame(Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? "")]))) as unknown as FrameLike;
}

/** A DataFrame of run summaries: the results table of the notebooks. */
export function summaryFrame(rows: readonly RunSummary[]): Promise<FrameLike> {
  return frameOf(rows.map((r) => ({
    optimizer: r.optimizer,
    lr: r.lr,
    beta: r.beta === null ? "" : String(r.beta),
    epochs: r.epochs,
    "final loss": r.finalLoss,
    "final accuracy": r.finalAccuracy,
    "best accuracy": r.bestAccuracy,
  })));
}
