/** The prose of 7_4_sgd_with_momentum.ipynb that states numbers, computed from the results it describes. */
import type { Run } from "../../train/experiments";
import { relativeGap, signChanges } from "../../train/analysis";
import type { MinimizeResult } from "../../train/minimize";
import { bullets, fixed, largest, last, sci } from "../text";

function mean(a: ArrayLike<number>, from = 0): number {
  let s = 0;
  for (let i = from; i < a.length; i++) s += a[i]!;
  return s / (a.length - from);
}
function deviation(a: ArrayLike<number>, from = 0): number {
  const m = mean(a, from);
  let s = 0;
  for (let i = from; i < a.length; i++) s += (a[i]! - m) ** 2;
  return Math.sqrt(s / (a.length - from));
}

/** §3: what averaging does to a noisy gradient, for several β. */
export function averages(gradients: Float64Array, smooth: readonly { beta: number; v: Float64Array; vHat: Float64Array }[]): string {
  return bullets([
    `The gradients average ${fixed(mean(gradients), 3)} with a standard deviation of ${fixed(deviation(gradients), 3)}.`,
    ...smooth.map((s) => `β = ${s.beta}: memory ≈ ${fixed(1 / (1 - s.beta), 0)} steps; from step 51 on its standard` +
      ` deviation is ${fixed(deviation(s.v, 50), 3)}; at step 5 it reads ${fixed(s.v[4]!, 3)}` +
      ` (bias-corrected ${fixed(s.vHat[4]!, 3)}).`),
  ]);
}

/** §5: the narrow valley. */
export function valley(paths: readonly (MinimizeResult & { readonly label: string })[]): string {
  const steps = paths[0] ? paths[0].trajectory.length - 1 : 0;
  return bullets(paths.map((p) => `**${p.label}**: f = ${sci(last(p.values))} and x₁ = ${fixed(p.trajectory[steps]![0]!, 3)}` +
    ` after ${steps} steps; x₂ changes sign ${signChanges(p.trajectory.map((x) => x[1]!))} times.`));
}

/** §6: the spiral runs (plain SGD, EMA momentum, heavy ball, SGD with a 10× larger α). */
export function spiral(runs: readonly Run[]): string {
  const [plain, ema, heavy, larger] = runs.map((r) => last(r.losses));
  return bullets([
    `EMA momentum ends at ${fixed(ema!)} against plain SGD's ${fixed(plain!)}; the two curves never differ by more than` +
      ` ${fixed(100 * largest(relativeGap(runs[0]!.losses, runs[1]!.losses)), 3)}% of the loss. With full-batch gradients` +
      " there is no noise to average, and the EMA form keeps the step α, so the two stay close.",
    `Heavy ball ends at ${fixed(heavy!)}, near SGD with a 10× larger α (${fixed(larger!)}): its velocity *sums* gradients` +
      " instead of averaging them.",
  ]);
}
