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
  /** a title above all panels */
  readonly title?: string;
}

/** A point of a path, numbered by its step. */
interface Point {
  readonly x: number;
  readonly y: number;
  readonly step: number;
}

/** A coordinate in a subtitle: 3 decimals, or 3 significant digits once it is far off (1.10e+153). */
const coordinate = (v: number) => (Math.abs(v) < 1e6 ? v.toFixed(3) : v.toExponential(2));

/** How far outside the window, in window sizes, a path is still drawn as it is. */
const FAR = 1000;

/**
 * The part of a path that can be drawn. A browser reads SVG coordinates as single-precision floats, so the path of
 * an optimizer that flies off (to 10³⁸ and beyond) would be refused. The path is cut where it first leaves a box FAR
 * window sizes around the window, at the point where that step's segment crosses the box's edge: what the window
 * shows is unchanged.
 */
function drawable(pts: readonly Point[], domain: TrajectoryOptions["domain"]): Point[] {
  const [x1, x2] = domain.x;
  const [y1, y2] = domain.y;
  const box = { x: [x1 - FAR * (x2 - x1), x2 + FAR * (x2 - x1)], y: [y1 - FAR * (y2 - y1), y2 + FAR * (y2 - y1)] } as const;
  const inside = (p: Point) => p.x >= box.x[0] && p.x <= box.x[1] && p.y >= box.y[0] && p.y <= box.y[1];
  const out = pts.findIndex((p) => !inside(p));
  if (out < 0) return [...pts];
  if (out === 0) return [];
  const a = pts[out - 1]!;
  const b = pts[out]!;
  // the largest t in [0, 1] that keeps a + t·(b − a) inside the box, coordinate by coordinate
  const reach = (from: number, to: number, [lo, hi]: readonly [number, number]) =>
    to > hi ? (hi - from) / (to - from) : to < lo ? (lo - from) / (to - from) : 1;
  const t = Math.min(reach(a.x, b.x, box.x), reach(a.y, b.y, box.y));
  return [...pts.slice(0, out), { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), step: b.step }];
}

/** A path's iterates as points, each coordinate checked finite (a chart of NaN would draw nothing, silently). */
function pointsOf(p: Path): Point[] {
  const pts = p.trajectory.map(([x, y], step): Point => ({ x: x!, y: y!, step }));
  checkFiniteSeries(`${p.label} x`, pts.map((q) => q.x));
  checkFiniteSeries(`${p.label} y`, pts.map((q) => q.y));
  return pts;
}

/** f's contours over the window, the minimum's star on top of `marks`, in a panel of the given size. */
function valleyPlot(f: Objective, options: TrajectoryOptions, look: { width: number; height: number; scheme: string; reverse: boolean; fillOpacity: number },
  marks: Plot.Markish[]): Element {
  const Plot = observablePlot();
  const [x1, x2] = options.domain.x;
  const [y1, y2] = options.domain.y;
  return Plot.plot({
    document: options.document ?? defaultDocument(),
    width: options.width ?? look.width,
    height: options.height ?? look.height,
    x: { domain: [x1, x2], label: "x₁", labelArrow: "none" },
    y: { domain: [y1, y2], label: "x₂", labelArrow: "none" },
    color: { type: "quantize", n: 9, scheme: look.scheme as Plot.ColorScheme, reverse: look.reverse },
    marks: [
      Plot.contour({ x1, x2, y1, y2, fill: (x: number, y: number) => f.value(Float64Array.of(x, y)), thresholds: options.thresholds ?? 14, stroke: "white", strokeOpacity: 0.6, fillOpacity: look.fillOpacity }),
      ...marks,
      Plot.dot([{ x: 0, y: 0 }], { x: "x", y: "y", symbol: "star", r: 6, fill: "black" }),
    ],
  });
}

/** One small panel per optimizer: contours of a 2-D function and the path of the iterates over them. Returns an SVG document. */
export function trajectoryPanels(f: Objective, paths: readonly Path[], options: TrajectoryOptions): string {
  const Plot = observablePlot();
  const doc = options.document ?? defaultDocument();
  const panels = paths.map((p): Panel => {
    const pts = pointsOf(p);
    const last = pts[pts.length - 1]!;
    const shown = drawable(pts, options.domain);
    const plot = valleyPlot(f, { ...options, document: doc }, { width: 300, height: 260, scheme: "blues", reverse: true, fillOpacity: 0.5 }, [
      Plot.line(shown, { x: "x", y: "y", stroke: p.color, strokeWidth: 2, clip: true }),
      Plot.dot(shown, { x: "x", y: "y", fill: p.color, r: 3, clip: true }),
    ]);
    const subtitle = `after ${pts.length - 1} steps: (${coordinate(last.x)}, ${coordinate(last.y)}), f = ${f.value(Float64Array.of(last.x, last.y)).toExponential(2)}`;
    return { plot, title: p.label, subtitle };
  });
  const columns = options.columns ?? (panels.length <= 3 ? panels.length : 2);
  return figure(doc, panels, { columns, ...(options.title ? { title: options.title } : {}) });
}

/**
 * All paths over one panel of contours, to compare them step by step: each path in its optimizer's colour, named in
 * the legend with where it ends after its steps (f there). Where paths coincide, the later one is drawn over the
 * earlier. Returns an SVG document.
 */
export function trajectoryOverlay(f: Objective, paths: readonly Path[], options: TrajectoryOptions): string {
  const Plot = observablePlot();
  const doc = options.document ?? defaultDocument();
  const marks: Plot.Markish[] = [];
  const legend = paths.map((p) => {
    const pts = pointsOf(p);
    const shown = drawable(pts, options.domain);
    marks.push(Plot.line(shown, { x: "x", y: "y", stroke: p.color, strokeWidth: 2, clip: true }),
      Plot.dot(shown, { x: "x", y: "y", fill: p.color, r: 2.5, clip: true }));
    const last = pts[pts.length - 1]!;
    return { label: `${p.label}: f = ${f.value(Float64Array.of(last.x, last.y)).toExponential(2)} after ${pts.length - 1} steps`, color: p.color };
  });
  // grey contours, lighter towards the minimum, under paths in their colours
  const plot = valleyPlot(f, { ...options, document: doc }, { width: 560, height: 420, scheme: "greys", reverse: false, fillOpacity: 0.3 }, marks);
  return figure(doc, [{ plot, ...(options.title ? { title: options.title } : {}), legend }]);
}
