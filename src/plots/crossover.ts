import { labelOf } from "../optim/options";
import type { ClaimsCheck } from "../train/claims";
import { COLORS, type ChartOptions } from "./dom";
import { lineChart } from "./line";

/**
 * The original's AdaGrad and RMSProp trained longer (§8's check), with the epoch from which RMSProp stays below
 * AdaGrad marked. Returns an SVG document.
 */
export function crossoverChart(c: ClaimsCheck, options: ChartOptions = {}): string {
  const [a, r] = [c.longAdagrad, c.longRmsprop];
  const points = c.crossover === null ? [] : [{ x: c.crossover, y: r.losses[c.crossover - 1]!, text: `epoch ${c.crossover}`, color: "black" }];
  return lineChart([
    { label: `${labelOf("adagrad")} (α ${a.config.lr})`, values: a.losses, color: COLORS.adagrad },
    { label: `${labelOf("rmsprop")} (α ${r.config.lr}, β ${r.config.beta})`, values: r.losses, color: COLORS.rmsprop, dashed: true },
  ], {
    ...options,
    title: `The original's settings, trained for ${c.longEpochs} epochs`,
    subtitle: c.crossover === null ? "RMSProp never stays below AdaGrad." : "Marked: the epoch from which RMSProp stays below AdaGrad.",
    xLabel: "Epoch", yLabel: "Loss", points,
  });
}
