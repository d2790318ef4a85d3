import type * as Plot from "@observablehq/plot";
import { observablePlot } from "./observable";
import { labelOf, OPTIMIZER_LABELS } from "../optim/options";
import { checkFiniteSeries, defaultDocument, MORE_COLORS, OPTIMIZER_COLORS, type ChartOptions } from "./dom";
import { figure } from "./figure";

/**
 * One line. Only `values` is required: a line named by an optimizer (`optimizer: "rmsprop"`, or a label that is an
 * optimizer's name, "rmsprop" or "RMSProp") takes that optimizer's label and colour; any other line the palette's
 * next free colour and the label "series N".
 */
export interface Series {
  /** the legend's name (default: the optimizer's label, else "series N") */
  readonly label?: string;
  readonly values: ArrayLike<number>;
  /** the line's colour (default: the optimizer's colour of OPTIMIZER_COLORS, else the next of MORE_COLORS) */
  readonly color?: string;
  /** the optimizer this line is of (`rmsprop`, …), for its default label and colour */
  readonly optimizer?: string;
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
  /** the y range to show; lines leaving it are cut at its edge (so one spike does not squash every other curve) */
  readonly yDomain?: readonly [number, number];
}

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/**
 * A log axis in one style: where the values span two decades or more, ticks at the powers of ten only, labelled
 * 10⁻³ … 10²; on a shorter span, Plot's own ticks as plain numbers.
 */
export function logAxis(values: ArrayLike<number>): { ticks?: number[]; tickFormat: string | ((d: number) => string) } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > 0) lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  if (!(hi / lo >= 100)) return { tickFormat: "~g" };
  const ticks: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) ticks.push(10 ** k);
  return { ticks, tickFormat: (d: number) => `10${String(Math.round(Math.log10(d))).replace(/./g, (c) => SUPERSCRIPT[c]!)}` };
}

/** A series with its label and colour settled. */
type Drawn = Series & { readonly label: string; readonly color: string };

/** The optimizer a series is of: its `optimizer`, or a label that is an optimizer's name or label. */
function optimizerOf(s: Series): string | undefined {
  if (s.optimizer !== undefined) return s.optimizer;
  const label = s.label?.toLowerCase();
  return Object.entries(OPTIMIZER_LABELS).find(([name, shown]) => label === name || label === shown.toLowerCase())?.[0];
}

/**
 * Labels and colours for the series that lack them: an optimizer's own colour for its first line, the next unused
 * colour of MORE_COLORS for any other (a second line of one optimizer, a line of no optimizer). A series that has
 * both is kept as it is.
 */
export function withDefaults(input: readonly Series[]): Drawn[] {
  const used = new Set(input.flatMap((s) => (s.color === undefined ? [] : [s.color])));
  let more = 0;
  const next = () => {
    const free = MORE_COLORS.find((c) => !used.has(c));
    return free ?? MORE_COLORS[more++ % MORE_COLORS.length]!;
  };
  const labels = new Set(input.flatMap((s) => (s.label === undefined ? [] : [s.label])));
  return input.map((s, i) => {
    if (s.label !== undefined && s.color !== undefined) return s as Drawn;
    const optimizer = optimizerOf(s);
    let label = s.label;
    if (label === undefined) {
      const base = optimizer === undefined ? `series ${i + 1}` : labelOf(optimizer);
      label = base;
      for (let k = 2; labels.has(label); k++) label = `${base} (${k})`;
      labels.add(label);
    }
    let color = s.color;
    if (color === undefined) {
      const own = optimizer === undefined ? undefined : (OPTIMIZER_COLORS as Record<string, string>)[optimizer];
      color = own !== undefined && !used.has(own) ? own : next();
      used.add(color);
    }
    return { ...s, label, color };
  });
}

/** Curves this close to an earlier one everywhere (relative to its value) would hide under it. */
const OVERLAP = 1e-3;

/** For each series, the label of an earlier series it lies on at every point (within OVERLAP), or undefined. */
function overlaps(series: readonly Drawn[]): (string | undefined)[] {
  const close = (a: Drawn, b: Drawn) => {
    if (a.values.length !== b.values.length || a.x || b.x) return false;
    for (let i = 0; i < a.values.length; i++) {
      if (Math.abs(a.values[i]! - b.values[i]!) > OVERLAP * Math.abs(b.values[i]!)) return false;
    }
    return true;
  };
  return series.map((s, i) => series.slice(0, i).find((t) => close(s, t))?.label);
}

/**
 * Lines (with optional bands) against a shared x, a title, axis labels and a colour legend. A line that lies on an
 * earlier one everywhere is drawn dashed and its legend says so, rather than hidden under it. Returns an SVG document.
 */
export function lineChart(input: readonly Series[], options: LineChartOptions): string {
  const Plot = observablePlot();
  const doc = options.document ?? defaultDocument();
  const drawn = withDefaults(input);
  const under = overlaps(drawn);
  const series = drawn.map((s, i) => (under[i] === undefined ? s : { ...s, dashed: true, label: `${s.label} (dashed: on top of ${under[i]})` }));
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
  const line = { x: "x", y: "y", stroke: "s", strokeWidth: 2.5, strokeOpacity: 0.85, clip: options.yDomain !== undefined } as const;
  marks.push(Plot.lineY(rows.filter((r) => !dashed.has(r.s)), line));
  if (dashed.size > 0) marks.push(Plot.lineY(rows.filter((r) => dashed.has(r.s)), { ...line, strokeDasharray: "6,4" }));
  if (options.points) {
    marks.push(Plot.dot(options.points, { x: "x", y: "y", fill: "color", r: 5 }));
    marks.push(Plot.text(options.points, { x: "x", y: "y", text: "text", dy: -12, fontWeight: "bold" }));
  }
  const ys = rows.flatMap((r) => (r.lo === undefined ? [r.y] : [r.y, r.lo, r.hi!]));
  const plot = Plot.plot({
    document: doc,
    width: options.width ?? 900,
    height: options.height ?? 420,
    marginLeft: 60,
    grid: true,
    x: { label: options.xLabel, labelAnchor: "center", labelArrow: "none", ...(options.xLog ? { type: "log" as const, ...logAxis(rows.map((r) => r.x)) } : {}) },
    y: {
      label: options.yLabel, labelArrow: "none",
      ...(options.yLog ? { type: "log" as const, ...logAxis(options.yDomain ?? ys) } : {}),
      ...(options.yDomain ? { domain: [...options.yDomain], clamp: false } : {}),
    },
    color: { domain: series.map((s) => s.label), range: series.map((s) => s.color) },
    marks,
  });
  const legend = series.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed ?? false }));
  const subtitle = [options.subtitle, clipNote(series, options.yDomain, options.xLabel)].filter(Boolean).join(" ");
  return figure(doc, [{ plot, title: options.title, ...(subtitle ? { subtitle } : {}), legend }]);
}

/** What the chart does not show when its y range cuts lines: "Off the chart: AdaGrad reaches 1.90 (at epoch 3)." */
function clipNote(series: readonly Drawn[], domain: readonly [number, number] | undefined, xLabel: string): string {
  if (!domain) return "";
  const [lo, hi] = [Math.min(...domain), Math.max(...domain)];
  const notes: string[] = [];
  for (const s of series) {
    let top = -Infinity;
    let at = 0;
    let below = false;
    for (let i = 0; i < s.values.length; i++) {
      if (s.values[i]! > top) [top, at] = [s.values[i]!, s.x ? s.x[i]! : i + 1];
      if (s.values[i]! < lo) below = true;
    }
    if (top > hi) notes.push(`${s.label} reaches ${top.toPrecision(3)} (at ${xLabel.toLowerCase()} ${at})`);
    if (below) notes.push(`${s.label} goes below ${lo}`);
  }
  return notes.length > 0 ? `Off the chart: ${notes.join("; ")}.` : "";
}
