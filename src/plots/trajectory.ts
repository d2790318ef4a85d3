import type * as Plot from "@observablehq/plot";
import { observablePlot } from "./observable";
import type { Objective } from "../train/minimize";
import { checkFiniteSeries, defaultDocument, type ChartOptions } from "./dom";
import { figure, type Panel } from "./figure";

export interface Path {
  readonly label: string;
  readonly trajectory: readonly (readonly number[])[];
  readonly color: string;
}

export interface TrajectoryOptions extends ChartOptions {
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly thresholds?: number;
  /** panels per row (default: up to 3 in a row, else 2) */
  readonly columns?: number;
}

/** One small panel per optimizer: contours of a 2-D function and the path of the iterates over them. Returns an SVG document. */
export function trajectoryPanels(f: Objective, paths: readonly Path[], options: TrajectoryOptions): string {
  const Plot = observablePlot();
  const doc = options.document ?? defaultDocument();
  const [x1, x2] = options.domain.x;
  const [y1, y2] = options.domain.y;
  const panels = paths.map((p): Panel => {
    const pts = p.trajectory.map(([x, y], step) => ({ x: x!, y: y!, step }));
    checkFiniteSeries(`${p.label} x`, pts.map((q) => q.x));
    checkFiniteSeries(`${p.label} y`, pts.map((q) => q.y));
    const last = pts[pts.length - 1]!;
    const plot = Plot.plot({
      document: doc,
      width: options.width ?? 300,
      height: options.height ?? 260,
      x: { domain: [x1, x2], label: "x₁", labelArrow: "none" },
      y: { domain: [y1, y2], label: "x₂", labelArrow: "none" },
      color: { type: "quantize", n: 9, scheme: "blues", reverse: true },
      marks: [
        Plot.contour({ x1, x2, y1, y2, fill: (x: number, y: number) => f.value(Float64Array.of(x, y)), thresholds: options.thresholds ?? 14, stroke: "white", strokeOpacity: 0.6, fillOpacity: 0.5 }),
        Plot.line(pts, { x: "x", y: "y", stroke: p.color, strokeWidth: 2, clip: true }),
        Plot.dot(pts, { x: "x", y: "y", fill: p.color, r: 3, clip: true }),
        Plot.dot([{ x: 0, y: 0 }], { x: "x", y: "y", symbol: "star", r: 6, fill: "black" }),
      ],
    });
    const subtitle = `after ${pts.length - 1} steps: (${last.x.toFixed(3)}, ${last.y.toFixed(3)}), f = ${f.value(Float64Array.of(last.x, last.y)).toExponential(2)}`;
    return { plot, title: p.label, subtitle };
  });
  return figure(doc, panels, { columns: options.columns ?? (panels.length <= 3 ? panels.length : 2) });
}
