import type { ChartOptions } from "./dom";
import { lineChart } from "./line";

export interface Curve {
  readonly label: string;
  readonly values: ArrayLike<number>;
  readonly color: string;
}

export interface LossChartOptions extends ChartOptions {
  readonly title?: string;
  readonly yLabel?: string;
  readonly subtitle?: string;
  readonly yLog?: boolean;
}

/** Loss (or any per-epoch metric) against epoch, one line per run, with a colour legend. Returns an SVG document. */
export function lossCurvesChart(curves: readonly Curve[], options: LossChartOptions = {}): string {
  return lineChart(curves, {
    ...options,
    width: options.width ?? 900,
    height: options.height ?? 460,
    title: options.title ?? "Loss Curves: RMSProp vs AdaGrad vs SGD",
    xLabel: "Epoch",
    yLabel: options.yLabel ?? "Loss",
  });
}
