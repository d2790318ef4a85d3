import type { RunSummary } from "../train/summary";
import type { Cell, FrameLike } from "./table";

/** The part of danfojs-node used here. */
interface Danfo {
  DataFrame: new (data: Record<string, readonly Cell[]>) => FrameLike;
}

/**
 * A danfojs-node DataFrame from row objects. danfojs is loaded on first use (it brings TensorFlow.js along), and
 * through `require` with the small type above: an `import` would make the notebook kernel's TypeScript load
 * danfojs' and tfjs' declaration files, which costs memory in every tslab session.
 */
export async function frameOf(rows: readonly Readonly<Record<string, Cell>>[]): Promise<FrameLike> {
  const dfd = require("danfojs-node") as Danfo;
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return new dfd.DataFrame(Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? "")])));
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
