/** The "try it yourself" cell: train a setting of your own and see it against a run of reference. */
import type { Dataset } from "../data/spiral";
import { lossCurvesChart } from "../plots/loss-curves";
import { MORE_COLORS } from "../plots/dom";
import { describeSettings } from "../optim/options";
import { train, type Run, type RunConfig } from "../train/experiments";
import { showChart, showMarkdown } from "./display";
import { fixed, last, percent } from "./text";

/** A run's settings in a legend: `RMSProp (α 0.01, β 0.99)`, as its registry entry shows them. */
function describe(run: Run): string {
  return describeSettings(run.optimizer, run.config);
}

/**
 * Train `config` on `data` and show its loss curve against `against` (with its final loss and accuracy), or, if
 * training stopped on a non-finite loss, why. Bad settings throw the library's ValidationError, naming the setting.
 */
export function tryIt(config: RunConfig, options: { readonly data: Dataset; readonly against: Run }): Run {
  const mine = train(config, { data: options.data });
  if (mine.diverged) {
    showMarkdown(`❌ ${mine.diverged.message}`);
    return mine;
  }
  const ref = options.against;
  showChart(lossCurvesChart([
    { label: `reference: ${describe(ref)}`, values: ref.losses, color: MORE_COLORS[2] },
    { label: `yours: ${describe(mine)}`, values: mine.losses, color: MORE_COLORS[0] },
  ], { title: "Your run against the reference" }));
  showMarkdown(`Your run: final loss ${fixed(last(mine.losses))}, accuracy ${percent(last(mine.accuracies))}` +
    ` (reference: ${fixed(last(ref.losses))}, ${percent(last(ref.accuracies))}).`);
  return mine;
}
