import type * as Plot from "@observablehq/plot";
import { observablePlot } from "./observable";
import type { Dataset } from "../data/spiral";
import { formatFixed } from "../format";
import { gridAround, predictGrid, type GridSpec, type ProbabilityGrid } from "../nn/predict";
import { labelOf } from "../optim/options";
import type { Run } from "../train/experiments";
import { defaultDocument, type ChartOptions } from "./dom";
import { figure } from "./figure";

export interface BoundaryOptions extends ChartOptions {
  readonly title: string;
  readonly subtitle?: string;
}

const BANDS = [0.1, 0.3, 0.5, 0.7, 0.9];
/** the bands' colours, from P < 0.1 (class 0) to P ≥ 0.9 (class 1); the points are drawn in the outer two */
const BAND_COLORS = ["#1d9a8f", "#4ECDC4", "#a8e6e1", "#ffc2c2", "#FF6B6B", "#d63a3a"];
/**
 * Each band's colour at 45% over white, drawn opaque: the contours are nested (each covers all of the plane above
 * its threshold), so translucent fills would stack, and next to the P = 0.5 line the pale red over the stacked
 * greens showed as a grey that no band of the legend has. The legend shows these same colours.
 */
const BAND_FILLS = BAND_COLORS.map((c) => overWhite(c, 0.45));

function overWhite(hex: string, alpha: number): string {
  const channel = (i: number) => Math.round(255 - alpha * (255 - parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)));
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * A trained run's decision boundary over `area` (by default around its data), titled with its optimizer and
 * subtitled with its final accuracy.
 */
export function boundaryOf(run: Run, options: ChartOptions & { readonly area?: GridSpec; readonly title?: string } = {}): string {
  const area = options.area ?? gridAround(run.data.X);
  const accuracy = run.accuracies[run.accuracies.length - 1]!;
  return decisionBoundaryChart(predictGrid(run.params, run.shape, area), run.data, {
    ...options,
    title: options.title ?? labelOf(run.optimizer),
    subtitle: `accuracy ${formatFixed(100 * accuracy, 1)}% after ${run.losses.length} epochs`,
  });
}

/**
 * The plane in bands of P(class 1) (filled contours: SVG paths, no canvas, so it renders under jsdom and in
 * every notebook front end), the 0.5 boundary as a black line, and the data points coloured by their true class.
 * Returns an SVG document.
 */
export function decisionBoundaryChart(grid: ProbabilityGrid, data: Dataset, options: BoundaryOptions): string {
  const Plot = observablePlot();
  const doc = options.document ?? defaultDocument();
  const m = data.X.cols;
  const points = Array.from({ length: m }, (_v, j) => ({ x: data.X.data[j]!, y: data.X.data[m + j]!, label: data.Y.data[j] === 1 ? "class 1" : "class 0" }));
  // `interpolate: "none"`: the values are already one per cell of the grid. Plot's default for data with an extent
  // places the cells' centres as scattered samples and interpolates them back to nearest neighbours (a Delaunay
  // triangulation of every cell), for the same contours.
  const extent = { x1: grid.xMin, x2: grid.xMax, y1: grid.yMax, y2: grid.yMin, width: grid.nx, height: grid.ny,
    interpolate: "none" as const };
  const plot = Plot.plot({
    document: doc,
    width: options.width ?? 420,
    height: options.height ?? 420,
    x: { label: "x₁", domain: [grid.xMin, grid.xMax], labelArrow: "none" },
    y: { label: "x₂", domain: [grid.yMin, grid.yMax], labelArrow: "none" },
    color: { type: "threshold", domain: BANDS, range: BAND_FILLS, label: "P(class 1)" },
    marks: [
      Plot.contour(grid.values, { ...extent, fill: Plot.identity, thresholds: [0, ...BANDS] }),
      Plot.contour(grid.values, { ...extent, thresholds: [0.5], stroke: "black", strokeWidth: 1.5 }),
      Plot.dot(points, { x: "x", y: "y", r: 2.5, fill: { value: (p: { label: string }) => (p.label === "class 1" ? BAND_COLORS[5] : BAND_COLORS[0]), scale: null }, stroke: "white", strokeWidth: 0.6 }),
    ],
  });
  const ramp = plot.legend("color");
  return figure(doc, [{ plot, title: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}), ...(ramp ? { ramp } : {}) }]);
}
