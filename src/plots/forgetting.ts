import { decayWeights } from "../train/analysis";
import { MORE_COLORS, OPTIMIZER_COLORS, type ChartOptions } from "./dom";
import { lineChart } from "./line";

/** βᵗ for each β: the weight an exponentially weighted average gives a value t steps old (d2l's chart). */
export function forgettingChart(betas: readonly number[], steps = 40, options: ChartOptions = {}): string {
  const palette = [OPTIMIZER_COLORS.rmsprop, OPTIMIZER_COLORS.adagrad, ...MORE_COLORS];
  return lineChart(betas.map((b, i) => ({ label: `β = ${b}`, values: decayWeights(b, steps), color: palette[i % palette.length]! })), {
    height: 360, ...options,
    title: "Weight βᵗ of a value t steps old", xLabel: "t (steps ago)", yLabel: "βᵗ", xFromZero: true,
  });
}
