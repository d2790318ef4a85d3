/**
 * Evidence over seeds, drawn: final loss against the learning rate with one band per optimizer (the mean over the
 * seeds as a line, their min–max or ±sd as a band), and a β × α heat map of means whose cells print "mean ± sd".
 */
import { formatFixed } from "../format";
import { ValidationError } from "../errors";
import type { SeedRuns, SeedSpread } from "../train/seeds";
import type { ChartOptions } from "./dom";
import { heatmapChart, type HeatmapOptions } from "./heatmap";
import { lineChart } from "./line";

/** One optimizer's settings over seeds, one per learning rate (each `runs[i].config.lr`). */
export interface SeedBand {
  readonly label: string;
  readonly color: string;
  readonly runs: readonly SeedRuns[];
}

export interface SeedBandsOptions extends ChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** the band: the seeds' smallest to largest final loss ("range", the default) or mean ± sd ("sd") */
  readonly band?: "range" | "sd";
  readonly yDomain?: readonly [number, number];
}

/** The band's low and high end for one spread. */
export function bandOf(s: SeedSpread, band: "range" | "sd" = "range"): [number, number] {
  return band === "sd" ? [s.mean - s.sd, s.mean + s.sd] : [s.min, s.max];
}

/**
 * Final loss against α (log scale), one line (the mean) and band per optimizer. A setting where every run diverged
 * has no mean: it is left out, and the subtitle names it. Returns an SVG document.
 */
export function seedBandsChart(bands: readonly SeedBand[], options: SeedBandsOptions): string {
  if (bands.length === 0) throw new ValidationError("bands", "[]", "at least one optimizer");
  const band = options.band ?? "range";
  if (band !== "range" && band !== "sd") throw new ValidationError("band", band, '"range" or "sd"');
  const left: string[] = [];
  const series = bands.map((b) => {
    const kept = b.runs.filter((r) => {
      if (r.loss.n > 0) return true;
      left.push(`${b.label} at α ${r.config.lr}`);
      return false;
    });
    const lr = (r: SeedRuns) => {
      const v = r.config.lr;
      if (typeof v !== "number" || !(v > 0)) throw new ValidationError(`${b.label}: config.lr`, v, "a positive learning rate");
      return v;
    };
    return {
      label: b.label, color: b.color,
      x: kept.map(lr), values: kept.map((r) => r.loss.mean),
      band: { lo: kept.map((r) => bandOf(r.loss, band)[0]), hi: kept.map((r) => bandOf(r.loss, band)[1]) },
    };
  });
  const n = bands[0]!.runs[0]?.loss.n ?? 0;
  const what = band === "sd" ? "mean ± sd" : "mean, band from the lowest to the highest";
  const subtitle = [options.subtitle, `Final loss over ${n} runs per point: ${what}.`,
    left.length > 0 ? `Every run diverged: ${left.join(", ")}.` : ""].filter(Boolean).join(" ");
  return lineChart(series, {
    title: options.title, subtitle, xLabel: "learning rate α", yLabel: "final loss", xLog: true,
    ...(options.yDomain ? { yDomain: options.yDomain } : {}),
    ...(options.width ? { width: options.width } : {}), ...(options.height ? { height: options.height } : {}),
    ...(options.document ? { document: options.document } : {}),
  });
}

/** One cell of a heat map over seeds. */
export interface SeedCell {
  readonly x: string;
  readonly y: string;
  readonly spread: SeedSpread;
}

/** A heat map's options; `decimals` are those of the mean and the sd printed in each cell (default 3). */
export type SeedHeatmapOptions = HeatmapOptions;

/** A heat map coloured by each cell's mean, each cell labelled "mean ± sd" (grey "diverged" where no run finished). */
export function seedHeatmap(cells: readonly SeedCell[], options: SeedHeatmapOptions): string {
  if (cells.length === 0) throw new ValidationError("cells", "[]", "at least one cell");
  const d = options.decimals ?? 3;
  const n = cells.find((c) => c.spread.n > 0)?.spread.n ?? 0;
  const subtitle = [options.subtitle, `Each cell: mean ± sd over ${n} runs; the colour is the mean.`].filter(Boolean).join(" ");
  return heatmapChart(cells.map(({ x, y, spread: { mean, sd } }) => ({
    x, y, value: mean, ...(Number.isFinite(mean) ? { label: `${formatFixed(mean, d)}\n± ${formatFixed(sd, d)}` } : {}),
  })), { ...options, subtitle, decimals: d });
}
