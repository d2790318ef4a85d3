import { observablePlot } from "./observable";
import { formatFixed } from "../format";
import type { GridCell } from "../train/analysis";
import { defaultDocument, type ChartOptions } from "./dom";
import { figure } from "./figure";

export interface HeatmapOptions extends ChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly valueLabel: string;
  /** decimals of the value printed in each cell */
  readonly decimals?: number;
  /** a colour scheme of Plot (default "viridis"), in 7 steps; reversed by default so that low values are bright */
  readonly scheme?: "viridis" | "magma" | "inferno" | "plasma" | "cividis" | "blues" | "greens" | "greys" | "oranges" | "purples" | "reds";
  readonly reverse?: boolean;
}

export interface HeatCell {
  readonly x: string;
  readonly y: string;
  /** NaN: the run diverged; drawn grey and labelled */
  readonly value: number;
  /** the cell's text, when not the value itself (lines split at "\n") */
  readonly label?: string;
}

/** RMSProp's final loss for each (β, α) of a grid (7_6 §10): `heatmapChart` of `betaLrGrid`'s cells. */
export function betaLrHeatmap(grid: readonly GridCell[], options: Omit<HeatmapOptions, "xLabel" | "yLabel" | "valueLabel">): string {
  return heatmapChart(grid.map((g) => ({ x: String(g.lr), y: String(g.beta), value: g.finalLoss })), {
    decimals: 3, ...options, xLabel: "learning rate α", yLabel: "β", valueLabel: "final loss",
  });
}

/** A table of numbers as coloured cells, each labelled with its value; non-finite cells say "diverged". Returns an SVG document. */
export function heatmapChart(cells: readonly HeatCell[], options: HeatmapOptions): string {
  const Plot = observablePlot();
  const doc = options.document ?? defaultDocument();
  const d = options.decimals ?? 3;
  const finite = cells.filter((c) => Number.isFinite(c.value));
  const plot = Plot.plot({
    document: doc,
    width: options.width ?? 560,
    height: options.height ?? 320,
    marginLeft: 80,
    marginBottom: 50,
    x: { label: options.xLabel, labelAnchor: "center", labelArrow: "none", domain: [...new Set(cells.map((c) => c.x))] },
    y: { label: options.yLabel, labelArrow: "none", domain: [...new Set(cells.map((c) => c.y))] },
    // quantize, not linear: a continuous legend is drawn on a <canvas>, which jsdom does not have
    color: { type: "quantize", n: 7, scheme: options.scheme ?? "viridis", reverse: options.reverse ?? true, label: options.valueLabel },
    marks: [
      Plot.cell(cells.filter((c) => !Number.isFinite(c.value)), { x: "x", y: "y", fill: "#ccc" }),
      Plot.cell(finite, { x: "x", y: "y", fill: "value", inset: 0.5 }),
      Plot.text(cells, {
        x: "x", y: "y", fontSize: 13, fontWeight: "bold",
        ...(cells.some((c) => c.label?.includes("\n")) ? { lineHeight: 1.3 } : {}),
        text: (c: HeatCell) => c.label ?? (Number.isFinite(c.value) ? formatFixed(c.value, d) : "diverged"),
        // dark text on a white halo: readable on the light and the dark end of the scale alike
        fill: "black", stroke: "white", strokeWidth: 3, paintOrder: "stroke",
      }),
    ],
  });
  const ramp = plot.legend("color");
  return figure(doc, [{ plot, title: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}), ...(ramp ? { ramp } : {}) }]);
}
