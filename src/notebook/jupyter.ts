/**
 * Rich last values, the way Deno's Jupyter kernel defines them: an object with a `[Symbol.for("Jupyter.display")]()`
 * method returning a MIME bundle is shown with that bundle when it is a cell's last value (`Out[n]`). The project's
 * tslab kernel honours the same method, and for the library's values that cannot carry it (charts as SVG strings,
 * matrices and runs as plain objects) asks the formatter the library registers (`richOf`, notebook/frames.ts).
 */
import { ValidationError } from "../errors";
import type { Matrix } from "../matrix";
import { chartImg, svgSize } from "../plots/figure";
import type { FitResult } from "../train/fit";

/** The method a value shows itself with: `value[DISPLAY]()` returns a MIME bundle. */
export const DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** MIME type → data, as Jupyter's `display_data` and `execute_result` carry it. */
export type MimeBundle = Readonly<Record<string, string | object>>;

/** A value that shows itself in a notebook. */
export interface Displayable {
  [DISPLAY](): MimeBundle;
}

/** Whether `value` is a standalone SVG document (what the chart functions of `src/plots` return). */
export function isSvgDocument(value: unknown): value is string {
  return typeof value === "string" && /^<svg[\s>]/.test(value) && /<\/svg>\s*$/.test(value);
}

/** The HTML `showChart` displays: each chart an <img>, several side by side, wrapping on narrow screens. */
export function chartsHtml(charts: readonly string[]): string {
  const imgs = charts.map(chartImg).join("");
  return charts.length === 1 ? imgs : `<div style="display: flex; flex-wrap: wrap; gap: 16px;">${imgs}</div>`;
}

/** One or more charts shown as one output, as `showChart` shows them; the chart functions' SVG stays in `svgs`. */
export class Chart implements Displayable {
  constructor(readonly svgs: readonly string[]) {}

  [DISPLAY](): MimeBundle {
    return { "text/html": chartsHtml(this.svgs), "text/plain": this.toString() };
  }

  /** A short description: `Chart "Loss Curves" (900×460)`; the SVG itself is in `svgs`. */
  toString(): string {
    return this.svgs.map((svg) => {
      const { width, height } = svgSize(svg);
      const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
      return `Chart${title ? ` "${title}"` : ""} (${width}×${height})`;
    }).join(", ");
  }
}

/**
 * Charts as a value that shows them: end a cell with `rms.show.chart(a, b)` to see both side by side (on the project's
 * kernel a chart function's result alone shows as its chart already; on a kernel that only knows the protocol, such
 * as Deno's, wrap it).
 */
export function chart(...svgs: readonly string[]): Chart {
  if (svgs.length === 0) throw new ValidationError("charts", svgs, "at least one chart");
  svgs.forEach((svg, i) => {
    if (!isSvgDocument(svg)) throw new ValidationError(`charts[${i}]`, svg, "an SVG document from a chart function");
  });
  return new Chart(svgs);
}

/** Whether `value` is a Matrix of `src/matrix.ts`: rows, cols and a Float64Array of rows × cols values. */
export function isMatrix(value: unknown): value is Matrix {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Partial<Matrix>;
  return Number.isInteger(m.rows) && Number.isInteger(m.cols) && m.data instanceof Float64Array &&
    m.data.length === m.rows! * m.cols! && Object.keys(value).length === 3;
}

/** Values shown at each end of a long matrix axis, as numpy elides them. */
const EDGE = 3;

/**
 * A matrix as numpy prints a large array: its shape, then at most 3 rows and columns from each end, `…` between,
 * each value to 4 significant digits.
 *   Matrix 400×2
 *   [[ 0       ,  0       ],
 *    …
 */
export function matrixText(m: Matrix): string {
  const pick = (n: number) => (n <= 2 * EDGE ? [...Array(n).keys()] : [0, 1, 2, -1, n - 3, n - 2, n - 1]);
  const rows = pick(m.rows);
  const cols = pick(m.cols);
  const cell = (i: number, j: number) => (j < 0 ? "…" : Number(m.data[i * m.cols + j]!.toPrecision(4)).toString());
  const grid = rows.map((i) => (i < 0 ? null : cols.map((j) => cell(i, j))));
  const width = Math.max(1, ...grid.flatMap((r) => (r ? r.map((c) => c.length) : [])));
  const lines = grid.map((r) => (r ? `[${r.map((c) => c.padStart(width)).join(", ")}]` : "…"));
  const body = lines.map((l, k) => `${k === 0 ? "[" : " "}${l}${k === lines.length - 1 ? "]" : ","}`);
  return [`Matrix ${m.rows}×${m.cols}`, ...(m.rows === 0 ? ["[]"] : body)].join("\n");
}

/** Whether `value` is a training run (`rms.train.run`, a notebook's `fit`, …): its optimizer, config, losses, accuracies. */
export function isRun(value: unknown): value is FitResult {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Partial<FitResult>;
  return typeof r.optimizer === "string" && typeof r.config === "object" && r.config !== null &&
    r.losses instanceof Float64Array && r.accuracies instanceof Float64Array;
}

/**
 * How the library's values without a display method show as a cell's last value, or undefined for every other
 * value (the kernel then shows its text form). Charts as their image, runs as the results table of `showRuns`,
 * matrices compactly. `tableOf` makes the runs' table (a DataFrame); it is passed in so this module does not load
 * danfojs.
 */
export function richValue(value: unknown, tableOf: (runs: readonly FitResult[]) => Displayable): Displayable | undefined {
  if (isSvgDocument(value)) return new Chart([value]);
  if (isMatrix(value)) return { [DISPLAY]: () => ({ "text/plain": matrixText(value) }) };
  if (isRun(value)) return tableOf([value]);
  if (Array.isArray(value) && value.length > 0 && value.every(isRun)) return tableOf(value);
  return undefined;
}
