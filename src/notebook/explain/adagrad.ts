/** The prose of 7_5_adagrad_adaptive_learning_rates.ipynb that states numbers, computed from its results. */
import type { LrTrace } from "../../train/analysis";
import { signChanges } from "../../train/analysis";
import type { Run } from "../../train/experiments";
import type { MinimizeResult } from "../../train/minimize";
import type { SparseDenseSeries } from "../../train/simulation";
import { bullets, fixed, last, sci } from "../text";

/** §3: a rare feature against a frequent one. */
export function sparseDense(sd: SparseDenseSeries): string {
  const n = sd.dense.length;
  const hits = sd.sparse.filter((v) => v !== 0).length;
  const first = sd.sparse.findIndex((v) => v !== 0) + 1;
  return `The sparse feature gets a gradient at ${hits} of ${n} steps, the first at step ${first}; until then it has no` +
    ` history and its rate is α/√ε, so the chart starts there. After ${n} steps its effective rate is` +
    ` ${fixed(last(sd.lrSparse))}, the dense feature's ${fixed(last(sd.lrDense))}:` +
    ` **${fixed(last(sd.lrSparse) / last(sd.lrDense), 1)}× larger** for the rare feature.`;
}

/** §5: the narrow valley. */
export function valley(paths: readonly (MinimizeResult & { readonly label: string })[]): string {
  const steps = paths[0] ? paths[0].trajectory.length - 1 : 0;
  return bullets([
    ...paths.map((p) => `**${p.label}**: f = ${sci(last(p.values))} after ${steps} steps;` +
      ` x₂ changes sign ${signChanges(p.trajectory.map((x) => x[1]!))} times.`),
    "Dividing each coordinate's step by the root of its own squared-gradient history stops the steep x₂ from" +
      " overshooting; but the steps shrink as G grows, so a small α stalls.",
  ]);
}

/** §6: the spiral runs with each framework's defaults. */
export function spiral(runs: readonly Run[], labels: readonly string[]): string {
  const losses = runs.map((r) => last(r.losses));
  // the runs on a framework's defaults: a preset other than the original notebook's settings
  const frameworks = runs.flatMap((r, i) => {
    const preset = r.runConfig.preset;
    return typeof preset === "string" && preset !== "original" ? [{ preset, loss: losses[i]! }] : [];
  });
  const names = frameworks.map((f) => `\`${f.preset}\``);
  const spread = frameworks.length > 1
    ? ` The frameworks' defaults alone (presets ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}) end ` +
      `${fixed(Math.max(...frameworks.map((f) => f.loss)) - Math.min(...frameworks.map((f) => f.loss)))} apart in final loss.`
    : "";
  return `Final losses: ${runs.map((_r, i) => `${labels[i]} **${fixed(losses[i]!)}**`).join(", ")}.${spread}`;
}

/** §7: AdaGrad's falling rates in real training. */
export function decay(trace: LrTrace): string {
  const n = trace.median.length;
  const at = (e: number) => trace.median[e - 1]!;
  return `The median effective rate is ${fixed(at(1), 2)} after epoch 1, ${fixed(at(Math.min(100, n)), 2)} after epoch` +
    ` ${Math.min(100, n)} and ${fixed(at(n), 3)} after epoch ${n}: ${fixed(at(1) / at(n), 0)}× smaller, and it can only keep` +
    " falling. RMSProp replaces the sum by an exponentially weighted average to stop exactly this.";
}
