import * as Plot from "@observablehq/plot";
import { checkFiniteSeries, defaultDocument, type ChartOptions } from "./dom";
import { figure } from "./figure";

export interface Series {
  readonly label: string;
  readonly values: ArrayLike<number>;
  readonly color: string;
  /** x of each value (default 1, 2, 3, …) */
  readonly x?: ArrayLike<number>;
  /** a shaded band from lo to hi around the line (e.g. the min–max of a distribution) */
  readonly band?: { readonly lo: ArrayLike<number>; readonly hi: ArrayLike<number> };
  readonly dashed?: boolean;
}

export interface LineChartOptions extends ChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yLog?: boolean;
  readonly xLog?: boolean;
  /** start x at 0 instead of 1 when `x` is not given */
  readonly xFromZero?: boolean;
  /** mark these points with dots and labels */
  readonly points?: readonly { readonly x: number; readonly y: number; readonly text: string; readonly color: string }[];
}

/** Lines (with optional bands) against a shared x, a title, axis labels and a colour legend. Returns an SVG document. */
export function lineChart(series: readonly Series[], options: LineChartOptions): string {
  const doc = options.document ?? defaultDocument();
  const rows: { x: number; y: number; lo?: number; hi?: number; s: string }[] = [];
  for (const s of series) {
    checkFiniteSeries(s.label, s.values);
    if (s.band) {
      checkFiniteSeries(`${s.label} (band low)`, s.band.lo);
      checkFiniteSeries(`${s.label} (band high)`, s.band.hi);
    }
    const offset = options.xFromZero ? 0 : 1;
    for (let i = 0; i < s.values.length; i++) {
      rows.push({ x: s.x ? s.x[i]! : i + offset, y: s.values[i]!, s: s.label, ...(s.band ? { lo: s.band.lo[i]!, hi: s.band.hi[i]! } : {}) });
    }
  }
  const marks: Plot.Markish[] = [];
  for (const s of series) {
    if (s.band) marks.push(Plot.areaY(rows.filter((r) => r.s === s.label), { x: "x", y1: "lo", y2: "hi", fill: s.color, fillOpacity: 0.18 }));
  }
  const dashed = new Set(series.filter((s) => s.dashed).map((s) => s.label));
  const line = { x: "x", y: "y", stroke: "s", strokeWidth: 2.5, strokeOpacity: 0.85 } as const;
  marks.push(Plot.lineY(rows.filter((r) => !dashed.has(r.s)), line));
  if (dashed.size > 0) marks.push(Plot.lineY(rows.filter((r) => dashed.has(r.s)), { ...line, strokeDasharray: "6,4" }));
  if (options.points) {
    marks.push(Plot.dot(options.points, { x: "x", y: "y", fill: "color", r: 5 }));
    marks.push(Plot.text(options.points, { x: "x", y: "y", text: "text", dy: -12, fontWeight: "bold" }));
  }
  const plot = Plot.plot({
    document: doc,
    width: options.width ?? 900,
    height: options.height ?? 420,
    marginLeft: 60,
    grid: true,
    x: { label: options.xLabel, labelAnchor: "center", labelArrow: "none", ...(options.xLog ? { type: "log" as const, tickFormat: "~g" } : {}) },
    y: { label: options.yLabel, labelArrow: "none", ...(options.yLog ? { type: "log" as const, tickFormat: "~g" } : {}) },
    color: { domain: series.map((s) => s.label), range: series.map((s) => s.color) },
    marks,
  });
  const legend = series.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed ?? false }));
  return figure(doc, [{ plot, title: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}), legend }]);
}
