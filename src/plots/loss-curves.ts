import * as Plot from "@observablehq/plot";
import { checkFiniteSeries, defaultDocument, type ChartOptions } from "./dom";

export interface Curve {
  readonly label: string;
  readonly values: ArrayLike<number>;
  readonly color: string;
}

export interface LossChartOptions extends ChartOptions {
  readonly title?: string;
  readonly yLabel?: string;
  readonly subtitle?: string;
}

/** Loss (or any per-epoch metric) against epoch, one line per run, with a colour legend. Returns HTML. */
export function lossCurvesChart(curves: readonly Curve[], options: LossChartOptions = {}): string {
  const doc = options.document ?? defaultDocument();
  const data: { epoch: number; value: number; run: string }[] = [];
  for (const c of curves) {
    checkFiniteSeries(c.label, c.values);
    for (let i = 0; i < c.values.length; i++) data.push({ epoch: i + 1, value: c.values[i]!, run: c.label });
  }
  const el = Plot.plot({
    document: doc,
    width: options.width ?? 900,
    height: options.height ?? 460,
    marginLeft: 60,
    title: options.title ?? "Loss Curves: RMSProp vs AdaGrad vs SGD",
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    grid: true,
    x: { label: "Epoch", labelAnchor: "center", labelArrow: "none" },
    y: { label: options.yLabel ?? "Loss", labelArrow: "none" },
    color: { legend: true, domain: curves.map((c) => c.label), range: curves.map((c) => c.color) },
    marks: [Plot.lineY(data, { x: "epoch", y: "value", stroke: "run", strokeWidth: 2.5, strokeOpacity: 0.85 })],
  });
  return el.outerHTML;
}
