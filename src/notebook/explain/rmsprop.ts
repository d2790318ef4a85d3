/**
 * The prose of 7_6_rmsprop.ipynb that states numbers: each function turns results into Markdown, so that every
 * number in the notebook's text is computed from the runs it describes, and each fact is stated in one place.
 */
import type { ClaimsCheck } from "../../train/claims";
import type { Run } from "../../train/experiments";
import type { GridCell, LrTrace, Tuned } from "../../train/analysis";
import { identicalRuns, relativeGap, firstAbove, signChanges } from "../../train/analysis";
import type { MinimizeResult } from "../../train/minimize";
import type { AccumulationSeries } from "../../train/simulation";
import { labelOf } from "../../optim/options";
import { runLabel } from "../frames";
import { bullets, fixed, largest, last, percent, ranking, sci, smallest } from "../text";

const lastLoss = (r: Run) => last(r.losses);

/** §4 in numbers: AdaGrad's sum and RMSProp's average, and the effective rates they give. */
export function accumulation(sim: AccumulationSeries): string {
  const n = sim.G.length;
  const [a0, an] = [sim.lrAdagrad[0]!, last(sim.lrAdagrad)];
  return bullets([
    `After ${n} steps AdaGrad's sum G is ${fixed(last(sim.G), 2)}; RMSProp's average E[g²] is ${fixed(last(sim.E))}` +
      ` (between ${fixed(smallest(sim.E))} and ${fixed(largest(sim.E))} throughout).`,
    `AdaGrad's effective learning rate falls from ${fixed(a0, 5)} to ${fixed(an, 5)}: ${fixed(a0 / an, 1)}× smaller.`,
    `RMSProp's stays between ${fixed(smallest(sim.lrRmsprop), 5)} and ${fixed(largest(sim.lrRmsprop), 5)},` +
      ` ending at ${fixed(last(sim.lrRmsprop), 5)}.`,
  ]);
}

/** §8: the original's observations checked against its own runs. The one place these facts are stated. */
export function claims(c: ClaimsCheck, rmsprop: Run): string {
  const better = c.rmspropBelowAdagrad === c.epochs;
  return bullets([
    c.rmspropLossIncreases === 0
      ? `**Smooth convergence**: yes. RMSProp's loss goes down from every epoch to the next (all ${c.epochs - 1} steps),` +
        ` from ${fixed(rmsprop.losses[0]!, 5)} to ${fixed(c.finalLoss.rmsprop)}.`
      : `**Smooth convergence**: not quite. RMSProp's loss goes up from one epoch to the next` +
        ` ${c.rmspropLossIncreases} times in ${c.epochs - 1} steps.`,
    `**"Better than AdaGrad for long training"**: ${better ? "yes" : "**not in this experiment**"}. RMSProp's loss is` +
      ` below AdaGrad's in ${c.rmspropBelowAdagrad} of ${c.epochs} epochs, and ends at ${fixed(c.finalLoss.rmsprop)}` +
      ` against AdaGrad's ${fixed(c.finalLoss.adagrad)}.`,
    c.crossover === null
      ? `Trained for ${c.longEpochs} epochs with the same settings, RMSProp never stays below AdaGrad.`
      : `Trained longer with the same settings, RMSProp stays below AdaGrad only from epoch **${c.crossover}** on` +
        ` (checked up to ${c.longEpochs}).`,
    `**The comparison is not like for like**: AdaGrad runs with α = ${c.lrAdagrad}, RMSProp with α = ${c.lrRmsprop},` +
      ` ${fixed(c.lrRatio, 0)}× smaller. Which one "wins" says more about those choices than about the methods.`,
    `**None of the three learns the spiral**: the best accuracy any of them reaches at any epoch is` +
      ` ${percent(c.bestAccuracy)} (chance is 50%).`,
  ]);
}

/** After §9: how the original's summary stands against §8. */
export function summaryCaveat(c: ClaimsCheck): string {
  const held = c.rmspropBelowAdagrad === c.epochs;
  return held
    ? "§8's measurements agree with the summary's comparison with AdaGrad; §10 tests it further."
    : "⚠️ This summary is the original's. Its advantages are general claims, and the one this notebook can test, " +
        "RMSProp beating AdaGrad in long training, does not hold in the original's own experiment (§8). " +
        "§10 measures the comparison with fair settings before drawing any conclusion.";
}

/** §10.1: the same α for everyone. */
export function equalLr(runs: readonly Run[], lr: number): string {
  return `With α = ${lr} for all three, the final losses rank ${ranking(runs.map((r) => ({ label: runLabel(r), value: lastLoss(r) })))}.`;
}

/** §10.2: each optimizer at its best learning rate. */
export function tuning(tuned: readonly Tuned[], lrs: readonly number[]): string {
  const ranked = [...tuned].sort((a, b) => lastLoss(a.best) - lastLoss(b.best));
  const best = (name: string) => tuned.find((t) => t.best.optimizer === name)?.best;
  const [ada, rms] = [best("adagrad"), best("rmsprop")];
  const atEdge = tuned.filter((t) => t.best.config.lr === lrs[lrs.length - 1]).map((t) => runLabel(t.best));
  return bullets([
    `Ranked by final loss: ${ranked.map((t) => `**${runLabel(t.best)}** ${fixed(lastLoss(t.best))} (α ${t.best.config.lr})`).join(", ")}.`,
    ...(ada && rms
      ? [`Each at its best, RMSProp ${lastLoss(rms) < lastLoss(ada) ? "**beats**" : "does **not** beat"} AdaGrad:` +
          ` ${fixed(lastLoss(rms))} against ${fixed(lastLoss(ada))}. The original's α = 0.001 for RMSProp is` +
          ` ${rms.config.lr === 0.001 ? "" : "**not** "}its best here (α = ${rms.config.lr} is).`]
      : []),
    ...(atEdge.length > 0
      ? [`${atEdge.join(", ")} did best at the largest α tried (${lrs[lrs.length - 1]}): a larger one might do better still.`]
      : []),
  ]);
}

const divergedCount = (n: number) => (n === 1 ? "1 diverged run is" : `${n} diverged runs are`);

/** §10.3: the β × α grid. */
export function grid(cells: readonly GridCell[]): string {
  const sorted = cells.filter((g) => g.divergedAt === null).sort((a, b) => a.finalLoss - b.finalLoss);
  const [best, worst] = [sorted[0]!, sorted[sorted.length - 1]!];
  const rank = sorted.findIndex((g) => g.beta === 0.9 && g.lr === 0.001) + 1;
  return `Lowest final loss: β = ${best.beta}, α = ${best.lr} (final loss ${fixed(best.finalLoss)}, final accuracy` +
    ` ${percent(best.finalAccuracy)}); highest: β = ${worst.beta}, α = ${worst.lr} (${fixed(worst.finalLoss)}).` +
    (rank > 0 ? ` The original's setting (β = 0.9, α = 0.001) ranks **${rank} of ${sorted.length}**` : " The original's setting diverged") +
    (sorted.length < cells.length ? ` (${divergedCount(cells.length - sorted.length)} not ranked).` : ".") +
    (best.beta === 0.9 ? "" : ` §3 calls β = 0.9 typical; on this problem the lowest final loss comes with β = ${best.beta}.` +
      " A typical value is where to start, not the best value for every problem.");
}

/** §10.5: effective learning rates and steps during real training. */
export function effectiveRates(adagrad: LrTrace, rmsprop: LrTrace): string {
  const [A, R] = [adagrad, rmsprop];
  const n = A.median.length;
  const rises = A.median.reduce((k, v, i) => (i > 0 && v > A.median[i - 1]! ? k + 1 : k), 0);
  const span = (t: LrTrace) => Math.log10(last(t.max) / last(t.min));
  const lr = Number(R.run.config.lr);
  return bullets([
    `AdaGrad's median effective rate falls from ${fixed(A.median[0]!, 3)} after epoch 1 to ${fixed(last(A.median), 3)}` +
      ` after epoch ${n}: **${fixed(A.median[0]! / last(A.median), 1)}× smaller**; it rises at ${rises} of ${n - 1} epochs.`,
    `RMSProp's median goes from ${fixed(R.median[0]!, 3)} to ${fixed(last(R.median), 3)}, between` +
      ` ${fixed(smallest(R.median), 3)} and ${fixed(largest(R.median), 3)} on the way: it stays active, as the original says.`,
    `Although its α is the smaller, RMSProp's median effective rate at the end is ${fixed(last(R.median) / last(A.median), 2)}×` +
      " AdaGrad's: a *mean* of squared gradients is far smaller than a *sum*.",
    `Across parameters the rates span ${fixed(span(A), 1)} (AdaGrad) and ${fixed(span(R), 1)} (RMSProp) orders of` +
      " magnitude at the end. **A large rate is not a large step**: the step is rate × gradient, and RMSProp divides" +
      " each gradient by the root of its own recent mean square, so the step is about α whatever the gradient's scale." +
      ` In the last epoch RMSProp's steps are at most ${fixed(last(R.steps.max) / lr, 2)}·α (median` +
      ` ${fixed(last(R.steps.median) / lr, 2)}·α), although its largest rate is ${fixed(last(R.max) / last(R.min), 0)}×` +
      " its smallest: the parameters with the largest rates are the ones whose gradients are tiny.",
  ]);
}

/** §10.6: what the three models learned. */
export function boundaries(runs: readonly Run[]): string {
  const top = Math.max(...runs.map((r) => last(r.accuracies)));
  return `Final accuracies: ${runs.map((r) => `${runLabel(r)} ${percent(last(r.accuracies))}`).join(", ")}. ` +
    (top < 0.9
      ? `None of the three separates the arms (the highest is ${percent(top)}): a 10-unit network after these runs` +
        " draws a few coarse cuts through two interleaved spirals."
      : `At least one model separates the arms (${percent(top)}).`);
}

/** §10.7: the 2-D paths. */
export function trajectories(paths: readonly (MinimizeResult & { readonly label: string })[]): string {
  const ranked = [...paths].sort((a, b) => last(a.values) - last(b.values));
  const steps = paths[0] ? paths[0].trajectory.length - 1 : 0;
  return bullets([
    `After ${steps} steps, f = ${ranked.map((p) => `**${p.label}** ${sci(last(p.values))}`).join(" < ")}.`,
    `How often x₂, the steep coordinate, changes sign on the way: ${paths.map((p) => `${p.label} ${signChanges(p.trajectory.map((x) => x[1]!))}`).join(", ")}` +
      ` of ${steps} steps. A sign change is an overshoot across the valley's floor.`,
  ]);
}

/** §10.9: the wider network. */
export function solved(run: Run): string {
  const first95 = run.accuracies.findIndex((a) => a >= 0.95) + 1;
  const ok = last(run.accuracies) >= 0.95;
  return `Final accuracy **${percent(last(run.accuracies))}** on the ${run.data.X.cols} training points` +
    ` (loss ${fixed(lastLoss(run))}); ` +
    (first95 > 0 ? `it first reaches 95% at epoch ${first95}. ` : "it never reaches 95%. ") +
    (ok ? "The spiral is solved: the boundary follows both arms." : "**Not solved** with this configuration.");
}

/** §10.10: each framework's defaults trained. */
export function presets(runs: readonly Run[], names: readonly string[]): string {
  const losses = runs.map(lastLoss);
  const twins = identicalRuns(runs).flatMap((k, i) => (k >= 0 ? [`\`${names[k]}\` and \`${names[i]}\``] : []));
  const lrs = runs.map((r) => r.config.lr);
  return `Final losses rank ${ranking(runs.map((r, i) => ({ label: names[i]!, value: lastLoss(r) })))}: a spread of` +
    ` ${fixed(Math.max(...losses) - Math.min(...losses))} from defaults alone, with default learning rates` +
    ` ${fixed(Math.max(...lrs) / Math.min(...lrs), 0)}× apart. ` +
    (twins.length > 0 ? `${twins.join(", ")} have the same defaults, so their runs are identical to the last bit. ` : "") +
    'Saying "RMSProp" is not enough to reproduce a result: name the framework, or better, every setting.';
}

/** §10.12: the verdict, over every run of §10. */
export function verdict(v: {
  readonly claims: ClaimsCheck;
  readonly equal: readonly Run[];
  readonly tuned: readonly Tuned[];
  readonly adagradTrace: LrTrace;
  readonly rmspropTrace: LrTrace;
  readonly wide: Run;
}): string {
  const at = (runs: readonly Run[], name: string) => runs.find((r) => r.optimizer === name);
  const [eqA, eqR] = [at(v.equal, "adagrad"), at(v.equal, "rmsprop")];
  const tried = v.tuned.flatMap((t) => t.tried.map((c) => ({ ...c, optimizer: t.best.optimizer })));
  const finished = tried.filter((c) => c.divergedAt === null); // a diverged run's last finite values rank nothing
  const bestTried = (name: string) => Math.min(...finished.filter((c) => c.optimizer === name).map((c) => c.finalLoss));
  const topAccuracy = finished.reduce((b, c) => (c.finalAccuracy > b.finalAccuracy ? c : b));
  // RMSProp against AdaGrad at each learning rate at which both finished
  const finalAt = (name: string) => new Map(finished.filter((c) => c.optimizer === name).map((c) => [c.lr, c.finalLoss] as const));
  const [adagradAt, rmspropAt] = [finalAt("adagrad"), finalAt("rmsprop")];
  const shared = [...rmspropAt.keys()].filter((lr) => adagradAt.has(lr));
  const ahead = shared.filter((lr) => rmspropAt.get(lr)! < adagradAt.get(lr)!);
  const behind = shared.filter((lr) => !ahead.includes(lr));
  const diverged = tried.filter((c) => c.divergedAt !== null && (c.optimizer === "rmsprop" || c.optimizer === "adagrad"))
    .map((c) => `${labelOf(c.optimizer)} at α ${c.lr}`);
  const wide = v.wide.runConfig;
  const small = v.tuned[0]?.best.runConfig;
  const changed = [
    wide.hidden !== small?.hidden ? `${wide.hidden} hidden units instead of ${small?.hidden}` : "",
    wide.epochs !== small?.epochs ? `${wide.epochs} epochs instead of ${small?.epochs}` : "",
    `RMSProp with α ${wide.lr}${wide.beta === undefined ? "" : ` and β ${wide.beta}`}`,
  ].filter((c) => c !== "");
  const active = last(v.rmspropTrace.median) >= 0.1 * largest(v.rmspropTrace.median);
  const falling = last(v.adagradTrace.median) < v.adagradTrace.median[0]!;
  return bullets([
    `**RMSProp's mechanism works as described**: its effective learning rate ${active ? "stays active" : "does not stay active"}` +
      ` while AdaGrad's ${falling ? "keeps falling" : "does not fall"} (§10.5).`,
    v.claims.rmspropBelowAdagrad === v.claims.epochs
      ? "**The original's comparison** has RMSProp ahead of AdaGrad at every epoch (§8)."
      : `**The original's comparison does not show that RMSProp is better** (§8): its settings favour AdaGrad` +
        ` ${v.claims.rmspropBelowAdagrad === 0 ? "over the whole run" : "for most of the run"}.`,
    eqA && eqR
      ? `**At §10.1's shared learning rate** (α ${eqR.config.lr}) RMSProp ends ${lastLoss(eqR) < lastLoss(eqA) ? "below" : "above"}` +
        ` AdaGrad (${fixed(lastLoss(eqR))} against ${fixed(lastLoss(eqA))}).`
      : "",
    shared.length > 0
      ? `**At each learning rate of §10.2** where both finished, RMSProp ends below AdaGrad at ${ahead.length} of` +
        ` ${shared.length}` + (ahead.length > 0 ? ` (α ${ahead.join(", ")})` : "") +
        (behind.length > 0 ? `, above it or level at ${behind.length} (α ${behind.join(", ")})` : "") +
        (ahead.length > 0 && behind.length > 0 ? ": which one is ahead depends on α." : ".") +
        (diverged.length > 0 ? ` Diverged: ${diverged.join(", ")}.` : "")
      : "",
    `**Over all ${tried.length} runs of §10.2** (${v.tuned.length} optimizers × ${tried.length / v.tuned.length} learning rates),` +
      ` RMSProp's lowest final loss is ${fixed(bestTried("rmsprop"))} and AdaGrad's ${fixed(bestTried("adagrad"))}:` +
      ` on this small problem "better" depends on the learning rates you try.`,
    `**${topAccuracy.finalAccuracy < 0.9 ? "No optimizer setting of §10.2 solves the spiral" : "A setting of §10.2 separates the arms"}**` +
      ` with ${small?.hidden} hidden units: the highest *final* accuracy of those ${tried.length} runs is` +
      ` ${percent(topAccuracy.finalAccuracy)} (${labelOf(topAccuracy.optimizer)}, α ${topAccuracy.lr}). The network of` +
      ` §10.9 ends at ${percent(last(v.wide.accuracies))} with ${changed.join(", ")}` +
      (changed.length > 1 ? ": it changes more than one thing, so it does not say which one mattered." : ".") +
      ` All accuracies are on the ${v.wide.data.X.cols} training points: this notebook has no held-out set.`,
  ].filter((l) => l !== ""));
}

/** Appendix A: what one rounding difference does to a chaotic run. */
export function rounding(asTorch: Run, asNumpy: Run): string {
  const gap = relativeGap(asTorch.losses, asNumpy.losses);
  const until = (t: number) => (firstAbove(gap, t) ?? gap.length + 1) - 1;
  const worst = largest(gap);
  const first = firstAbove(gap, 0);
  return `The two runs agree to 12 significant digits until epoch ${until(1e-12)} and to 6 until epoch ${until(1e-6)}.` +
    ` After that they follow different paths: the largest gap is ${fixed(100 * worst, 2)}% of the loss (epoch` +
    ` ${gap.indexOf(worst) + 1}), and the final losses are ${fixed(lastLoss(asTorch))} and ${fixed(lastLoss(asNumpy))}.` +
    (first === null ? "" : ` The first difference, at epoch ${first}, is ${sci(gap[first - 1]!, 1)}: one rounding in the last bit.`) +
    " Training with momentum at this learning rate is chaotic, so matching a framework over a whole run takes" +
    " matching its arithmetic, not only its formula.";
}

/** Appendix B: a run that diverges. */
export function divergence(run: Run): string {
  return run.diverged
    ? `❌ **${run.diverged.message}**. Training stopped after ${run.losses.length} finite epoch(s); nothing from the` +
      " broken run is plotted."
    : `No divergence: final loss ${fixed(lastLoss(run))}.`;
}
