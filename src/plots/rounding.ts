import type { FitResult } from "../train/fit";
import { relativeGap } from "../train/analysis";
import { OPTIMIZER_COLORS, type ChartOptions } from "./dom";
import { lineChart } from "./line";

/**
 * How far two runs of one rule, rounded differently, drift apart: |loss(a) − loss(b)| / loss(a) per epoch, on a log
 * scale (epochs where they agree exactly have no point).
 */
export function roundingChart(a: FitResult, b: FitResult, options: ChartOptions = {}): string {
  const gap = relativeGap(a.losses, b.losses);
  const epochs = [...gap.keys()].filter((i) => gap[i]! > 0);
  return lineChart([{
    label: "|loss(torch order) − loss(numpy order)| / loss", values: epochs.map((i) => gap[i]!), x: epochs.map((i) => i + 1),
    color: OPTIMIZER_COLORS.rmsprop,
  }], {
    width: 900, height: 360, ...options,
    title: "Same rule, different rounding: PyTorch's RMSProp with momentum 0.9",
    subtitle: "relative difference of the two loss curves (epochs where it is exactly 0 have no point)",
    xLabel: "Epoch", yLabel: "Relative difference", yLog: true,
  });
}
