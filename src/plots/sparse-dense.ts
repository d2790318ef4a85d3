import type { SparseDenseSeries } from "../train/simulation";
import { OPTIMIZER_COLORS, type ChartOptions } from "./dom";
import { lineChart } from "./line";

/**
 * AdaGrad on a frequent and a rare feature: their gradients, and the effective rates α/√(G + ε) they get. The rare
 * feature's rate is drawn from its first gradient on: before it, G = 0 and the rate is α/√ε, which says nothing.
 * Returns the two charts (SVG documents), to show side by side.
 */
export function sparseDenseCharts(sd: SparseDenseSeries, options: ChartOptions = {}): [string, string] {
  const steps = (n: number, from = 0) => Float64Array.from({ length: n - from }, (_v, i) => from + i + 1);
  const first = sd.sparse.findIndex((v) => v !== 0);
  const size = { width: options.width ?? 460, height: options.height ?? 320, ...(options.document ? { document: options.document } : {}) };
  const colors = { dense: OPTIMIZER_COLORS.sgd, sparse: OPTIMIZER_COLORS.adagrad };
  const gradients = lineChart([
    { label: "dense feature", values: sd.dense, color: colors.dense },
    { label: "sparse feature", values: sd.sparse, color: colors.sparse },
  ], { ...size, title: "Gradients", xLabel: "step", yLabel: "g" });
  const rates = lineChart([
    { label: "dense feature", values: sd.lrDense, color: colors.dense },
    { label: "sparse feature (from its first gradient)", values: sd.lrSparse.subarray(first), x: steps(sd.lrSparse.length, first), color: colors.sparse },
  ], { ...size, title: "AdaGrad's effective learning rate", xLabel: "step", yLabel: "α/√(G + ε)", yLog: true });
  return [gradients, rates];
}
