import type * as Plot from "@observablehq/plot";
import { observablePlot } from "./observable";
import type { AccumulationSeries } from "../train/simulation";
import { checkFiniteSeries, COLORS, defaultDocument, type ChartOptions } from "./dom";
import { figure, type Panel } from "./figure";

interface Point {
  readonly iteration: number;
  readonly value: number;
  readonly series: string;
}

function long(a: ArrayLike<number>, aName: string, b: ArrayLike<number>, bName: string): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < a.length; i++) out.push({ iteration: i, value: a[i]!, series: aName });
  for (let i = 0; i < b.length; i++) out.push({ iteration: i, value: b[i]!, series: bName });
  return out;
}

/**
 * §4's two panels: AdaGrad's growing sum G_t against RMSProp's average E[g²]_t, and the effective learning
 * rates α/√(·+ε) they lead to. Returns one SVG document with the two panels side by side.
 */
export function accumulationChart(s: AccumulationSeries, options: ChartOptions = {}): string {
  const Plot = observablePlot();
  const doc = options.document ?? defaultDocument();
  for (const [name, v] of Object.entries({ G: s.G, E: s.E, lrAdagrad: s.lrAdagrad, lrRmsprop: s.lrRmsprop })) checkFiniteSeries(name, v);
  const width = options.width ?? 480;
  const height = options.height ?? 340;
  const range = [COLORS.simAdagrad, COLORS.simRmsprop];
  const panel = (title: string, y: string, data: Point[], domain: string[]): Panel => ({
    title,
    legend: domain.map((label, i) => ({ label, color: range[i]! })),
    plot: Plot.plot({
      document: doc,
      width,
      height,
      marginLeft: 60,
      grid: true,
      x: { label: "Iteration", labelAnchor: "center", labelArrow: "none" },
      y: { label: y, labelArrow: "none" },
      color: { domain, range },
      marks: [Plot.lineY(data, { x: "iteration", y: "value", stroke: "series", strokeWidth: 2.5 }), Plot.ruleY([0])],
    }),
  });
  const acc = panel("Gradient Accumulation", "Accumulated squared gradients", long(s.G, "AdaGrad (sum)", s.E, "RMSProp (exp. avg)"), ["AdaGrad (sum)", "RMSProp (exp. avg)"]);
  const lr = panel("Learning Rate Evolution", "Effective learning rate", long(s.lrAdagrad, "AdaGrad (vanishes)", s.lrRmsprop, "RMSProp (stable)"), ["AdaGrad (vanishes)", "RMSProp (stable)"]);
  return figure(doc, [acc, lr]);
}
