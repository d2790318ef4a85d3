import type { RunSummary } from "../train/summary";
import type { FrameLike } from "./table";

/** A danfojs-node DataFrame of run summaries (danfojs is loaded on first use: it brings TensorFlow.js along). */
export async function summaryFrame(rows: readonly RunSummary[]): Promise<FrameLike> {
  const dfd = await import("danfojs-node");
  return new dfd.DataFrame({
    optimizer: rows.map((r) => r.optimizer),
    lr: rows.map((r) => r.lr),
    beta: rows.map((r) => (r.beta === null ? "" : String(r.beta))),
    epochs: rows.map((r) => r.epochs),
    "final loss": rows.map((r) => r.finalLoss),
    "final accuracy": rows.map((r) => r.finalAccuracy),
    "best accuracy": rows.map((r) => r.bestAccuracy),
  }) as unknown as FrameLike;
}
