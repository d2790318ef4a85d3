import { createOptimizer } from "../optim/index";
import { labelOf } from "../optim/options";
import { ADAGRAD_PRESETS, RMSPROP_PRESETS } from "../optim/presets";
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

/** Decimals of a results table's columns. */
export const RESULT_DECIMALS = { "final loss": 4, "final accuracy": 4, "best accuracy": 4 } as const;

/** How a table or chart names a run: its label if one is given, else its optimizer's name. */
export function runLabel(run: Run, label?: string): string {
  return label ?? labelOf(run.optimizer);
}

/**
 * The results table of the notebooks, one row per run: its name, α, β (Adam's β₁), Adam's β₂ when a run is Adam's,
 * epochs, final loss and accuracies ("final" is the last epoch's, "best" the highest at any epoch).
 */
export function runsFrame(runs: readonly Run[], labels: readonly string[] = []): DataFrame {
  const adam = runs.some((r) => r.config.beta2 !== undefined);
  return frameOf(runs.map((r, i) => ({
    run: runLabel(r, labels[i]),
    "α": r.config.lr,
    [adam ? "β (Adam: β₁)" : "β"]: r.config.beta ?? r.config.beta1 ?? "",
    ...(adam ? { "β₂": r.config.beta2 ?? "" } : {}),
    epochs: r.losses.length,
    "final loss": outcome(r).finalLoss,
    "final accuracy": outcome(r).finalAccuracy,
    "best accuracy": outcome(r).bestAccuracy,
  })));
}

/** The β × α grid of §10.3 as a table: one row per run, with where it diverged. */
export function gridFrame(grid: readonly GridCell[]): DataFrame {
  return frameOf(grid.map((g) => ({
    "β": g.beta, "α": g.lr, "final loss": g.finalLoss, "final accuracy": g.finalAccuracy, "best accuracy": g.bestAccuracy,
    diverged: g.divergedAt === null ? "no" : `epoch ${g.divergedAt}`,
  })));
}

/**
 * The frameworks' presets of an optimizer, as `createOptimizer` builds them: α, β, ε and where ε goes, in the
 * notebooks' notation (E for RMSProp's average, G for AdaGrad's sum), and the accumulator's start E₀ or G₀.
 */
export function presetsFrame(optimizer: "rmsprop" | "adagrad"): DataFrame {
  const presets = optimizer === "rmsprop" ? RMSPROP_PRESETS : ADAGRAD_PRESETS;
  const v = optimizer === "rmsprop" ? "E" : "G";
  return frameOf(Object.entries(presets).map(([name, p]) => {
    const c = createOptimizer(optimizer, { preset: name }).config;
    return {
      preset: name, source: p.source, "α": c.lr, ...(optimizer === "rmsprop" ? { "β": c.beta } : {}), "ε": c.eps,
      "ε placement": c.epsInsideSqrt ? `√(${v} + ε)` : `√${v} + ε`, [`${v}₀`]: c.initialAccumulator, arithmetic: c.arithmetic,
    };
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
