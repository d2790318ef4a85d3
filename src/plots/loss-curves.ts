import { labelOf } from "../optim/options";
import type { FitResult } from "../train/fit";
import type { ChartOptions } from "./dom";
import { lineChart, withDefaults, type Series } from "./line";

/**
 * One loss curve: its values, and optionally its label, colour (dashed to tell it from a curve of a similar colour)
 * and optimizer; what is left out defaults from the optimizer's name (see `Series`).
 */
export type Curve = Pick<Series, "label" | "values" | "color" | "dashed" | "optimizer">;

export interface LossChartOptions extends ChartOptions {
  readonly title?: string;
  readonly yLabel?: string;
  readonly subtitle?: string;
  readonly yLog?: boolean;
  /** the loss range to show; what leaves it is named under the title */
  readonly yDomain?: readonly [number, number];
}

/**
 * The loss curves of training runs, each in its optimizer's colour (a further run of the same optimizer takes the
 * next colour of the palette), named by `labels` or by the optimizer.
 */
export function curvesOf(runs: readonly (FitResult & { readonly optimizer: string })[], labels: readonly string[] = []): Curve[] {
  // colours as any line chart settles them: a second run of one optimizer, or a learner's own, takes the next free one
  return withDefaults(runs.map((r, i) => ({ label: labels[i] ?? labelOf(r.optimizer), values: r.losses, optimizer: r.optimizer })))
    .map(({ label, values, color }) => ({ label, values, color }));
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
