import { ValidationError } from "../errors";
import { createOptimizer, entryOf, isOptimizerName, labelOf, OPTIMIZER_NAMES, type OptimizerConfig, type OptimizerName } from "../optim/index";
import { halfLife, memory, type GridCell } from "../train/analysis";
import type { Run } from "../train/experiments";
import { outcome } from "../train/summary";
import { danfo, type DataFrame } from "./dataframe";
import { DISPLAY, richValue, type Displayable } from "./jupyter";
import type { Cell } from "./table";

/**
 * A danfojs-node DataFrame from row objects. danfojs is loaded on first use (it brings TensorFlow.js along), and
 * through `require` with the small type above: an `import` would make the notebook kernel's TypeScript load
 * danfojs' and tfjs' declaration files, which costs memory in every tslab session.
 */
export function frameOf(rows: readonly Readonly<Record<string, Cell>>[]): DataFrame {
  const dfd = danfo();
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return new dfd.DataFrame(Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? "")])));
}

export { RESULT_DECIMALS } from "./table";

/** How a table or chart names a run: its label if one is given, else its optimizer's name. */
export function runLabel(run: Run, label?: string): string {
  return label ?? labelOf(run.optimizer);
}

/** The settings a results table shows for a run: its registry entry's `shown`, by symbol (α alone for a rule of one's own). */
function shownSettings(run: Run): [string, unknown][] {
  if (!isOptimizerName(run.optimizer)) return [["α", run.config.lr]];
  const e = entryOf(run.optimizer);
  return e.shown.map((k) => [e.options[k].symbol, run.config[k]]);
}

/**
 * The results table of the notebooks, one row per run: its name, the settings its optimizer's registry entry shows
 * (α, β, β₁, β₂, λ: a column for each that any run has, empty where a run's optimizer has none), epochs, final loss
 * and accuracies ("final" is the last epoch's, "best" the highest at any epoch).
 */
export function runsFrame(runs: readonly Run[], labels: readonly string[] = []): DataFrame {
  const settings = runs.map(shownSettings);
  const columns = [...new Set(settings.flatMap((s) => s.map(([symbol]) => symbol)))];
  return frameOf(runs.map((r, i) => {
    const own = new Map(settings[i]);
    return {
      run: runLabel(r, labels[i]),
      ...Object.fromEntries(columns.map((c) => [c, (own.get(c) ?? "") as Cell])),
      epochs: r.losses.length,
      "final loss": outcome(r).finalLoss,
      "final accuracy": outcome(r).finalAccuracy,
      "best accuracy": outcome(r).bestAccuracy,
    };
  }));
}

/** The β × α grid (7_6 §10) as a table: one row per run, with where it diverged. */
export function gridFrame(grid: readonly GridCell[]): DataFrame {
  return frameOf(grid.map((g) => ({
    "β": g.beta, "α": g.lr, "final loss": g.finalLoss, "final accuracy": g.finalAccuracy, "best accuracy": g.bestAccuracy,
    diverged: g.divergedAt === null ? "no" : `epoch ${g.divergedAt}`,
  })));
}

/**
 * The frameworks' presets of an optimizer, as `createOptimizer` builds them: each setting any of its presets sets,
 * under its symbol in the notebooks' notation (E₀ for RMSProp's average, G₀ for AdaGrad's sum).
 */
export function presetsFrame(optimizer: OptimizerName): DataFrame {
  const e = entryOf(optimizer);
  const presets = Object.entries(e.presets ?? {});
  if (presets.length === 0) throw new ValidationError("optimizer", optimizer, `one with presets: ${OPTIMIZER_NAMES.filter((n) => entryOf(n).presets).join(", ")}`);
  const keys = (Object.keys(e.options) as (keyof OptimizerConfig)[]).filter((k) => presets.some(([, p]) => k in p.config));
  return frameOf(presets.map(([name, p]) => {
    const c = createOptimizer(optimizer, { preset: name }).config;
    const cells = keys.map((k) => {
      const o = e.options[k];
      return [o.symbol, o.format ? o.format(c[k]) : (c[k] as Cell)];
    });
    return { preset: name, source: p.source, ...Object.fromEntries(cells) };
  }));
}

/** For each β: an exponentially weighted average's memory, 1/(1 − β) steps, and its half-life. */
export function memoryFrame(betas: readonly number[]): DataFrame {
  return frameOf(betas.map((b) => ({ "β": b, "memory 1/(1 − β) (steps)": memory(b), "half-life (steps)": halfLife(b) })));
}

/**
 * How a cell's last value that has no display method of its own shows, if it is one of the library's: a chart (an
 * SVG string) as its image, a run or a list of runs as `runsFrame`'s table, a matrix compactly, a danfojs DataFrame
 * made before the library loaded danfojs as its table; undefined otherwise.
 * Registered below for the project's kernel (tslab as patched in patches/), which asks it for a cell's last value.
 */
export function richOf(value: unknown): Displayable | undefined {
  // a DataFrame or Series a learner made with danfojs before the library loaded it: teach danfojs to show it
  const name = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
  if ((name === "DataFrame" || name === "Series") && typeof value === "object" && "columns" in value! && "values" in value!) {
    danfo();
    if (DISPLAY in value!) return value as Displayable;
  }
  return richValue(value, (runs) => runsFrame(runs as readonly Run[]) as unknown as Displayable);
}

/**
 * How a kernel shows a last value without a display method: it asks the functions in the global list
 * `Symbol.for("Jupyter.display.formatters")` (the project's tslab kernel does; Deno's does not, wrap with `chart`).
 */
((globalThis as { [k: symbol]: unknown[] | undefined })[Symbol.for("Jupyter.display.formatters")] ??= []).push(richOf);
