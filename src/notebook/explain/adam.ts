/** The prose of 7_7_adam.ipynb that states numbers, computed from its results. */
import type { Run } from "../../train/experiments";
import type { MinimizeResult } from "../../train/minimize";
import { bullets, fixed, last, ranking, sci } from "../text";

/** §3: the second moment with and without bias correction. */
export function biasCorrection(squares: Float64Array, v: Float64Array, vHat: Float64Array): string {
  const mean = squares.reduce((a, b) => a + b, 0) / squares.length;
  return `The mean of g² over the ${squares.length} steps is ${fixed(mean, 3)}. After 10 steps the raw $v_t$ is` +
    ` ${fixed(v[9]!)}, the corrected $\\hat v_t$ ${fixed(vHat[9]!)}; after ${squares.length} steps ${fixed(last(v))} and` +
    ` ${fixed(last(vHat))}. Dividing by an uncorrected $\\sqrt{v_t}$ at step 10 would make the step` +
    ` ${fixed(Math.sqrt(vHat[9]! / v[9]!), 1)}× too large.`;
}

/** §5: the narrow valley, where Adam overshoots x₁ = 0. */
export function valley(paths: readonly (MinimizeResult & { readonly label: string })[]): string {
  return bullets(paths.map((p) => {
    const x1 = p.trajectory.map((x) => x[0]!);
    const crossed = x1.findIndex((x) => x > 0);
    const far = Math.max(...x1);
    return `**${p.label}**: f = ${sci(last(p.values))} after ${x1.length - 1} steps, x₁ = ${fixed(last(x1), 3)}` +
      (crossed > 0 ? `; it crosses x₁ = 0 at step ${crossed} and reaches x₁ = ${fixed(far, 3)}.` : "; x₁ stays below 0.");
  }));
}

/** §6: the whole series on the spiral. */
export function series(runs: readonly Run[], labels: readonly string[]): string {
  const lrs = new Set(runs.map((r) => r.config.lr));
  return `Ranked by final loss: ${ranking(runs.map((r, i) => ({ label: labels[i]!, value: last(r.losses) })))}.` +
    (lrs.size > 1
      ? ` The runs use ${lrs.size} different learning rates (α ${[...lrs].sort((a, b) => a - b).join(", ")}), so this` +
        " ranks these settings, not the optimizers (the RMSProp notebook's §10.2 compares optimizers each at its best α)."
      : "");
}
