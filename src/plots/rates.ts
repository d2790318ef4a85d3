import { labelOf } from "../optim/options";
import type { LrTrace, Spread } from "../train/analysis";
import { colorOf, type ChartOptions } from "./dom";
import { lineChart } from "./line";

function bands(traces: readonly LrTrace[], of: (t: LrTrace) => Spread, scale: (t: LrTrace) => number) {
  return traces.map((t) => {
    const s = of(t);
    const k = scale(t);
    const by = (a: Float64Array) => a.map((v) => v / k);
    return {
      label: `${labelOf(t.run.optimizer)} (α ${t.run.config.lr}): median, min–max`,
      values: by(s.median), band: { lo: by(s.min), hi: by(s.max) }, color: colorOf(t.run.optimizer),
    };
  });
}

/** Each parameter's effective learning rate during training: the median and the min–max band (log scale). */
export function ratesChart(traces: readonly LrTrace[], options: ChartOptions = {}): string {
  return lineChart(bands(traces, (t) => t, () => 1), {
    width: 540, height: 380, ...options,
    title: "Effective learning rate of each parameter",
    xLabel: "Epoch", yLabel: "α / denominator", yLog: true,
  });
}

/** The steps those rates make, |θ_{t+1} − θ_t| in units of each run's α: median and min–max band (log scale). */
export function stepsChart(traces: readonly LrTrace[], options: ChartOptions = {}): string {
  return lineChart(bands(traces, (t) => t.steps, (t) => Number(t.run.config.lr)), {
    width: 540, height: 380, ...options,
    title: "The step each parameter takes",
    xLabel: "Epoch", yLabel: "|Δθ| / α", yLog: true,
  });
}
