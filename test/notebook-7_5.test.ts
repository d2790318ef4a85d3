/**
 * 7_5's taught code, run from the notebook's own cells: each unedited rule (SGD, AdaGrad) trains bit-identically to
 * the library's over its runs in the notebook (the spiral of §6, the valley of §5, the rates of §7), through the
 * cell's loop; a learner's edit changes the result. The exercises' checks pass on the solutions and fail, with their
 * hints, on the student's stub and on plausible wrong answers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as rms from "../src/index";
import { captured, cellDeclaring, NOTEBOOKS, runCells } from "./cells";

const NB = "7_5_adagrad_adaptive_learning_rates.ipynb";
const SEED = 42;
const epochs = 2000;
const data = rms.data.generateSpiralData({ samples: 300, noise: 0.1, seed: SEED });


const NAMES = ["sgd", "adagrad", "fit", "adagradSteps", "adagradEpsOutside", "adagradKeras", "rateAfter", "stepsToATenth", "sparseOverDense"];
const cells = (edit?: (s: string) => string) =>
  captured(() => runCells(NB, NAMES, { scope: { SEED, data, epochs }, ...(edit ? { edit } : {}) })).value;
const taught = cells();

const notebookText = readFileSync(join(NOTEBOOKS, NB), "utf8");

/**
 * The cells after a learner's edit of the cell that declares `name` (`from` must be in it, so that a changed notebook
 * fails loudly instead of testing nothing).
 */
function edited(name: string, from: string, to: string): Record<string, any> {
  const cell = cellDeclaring(NB, name);
  assert.ok(cell.includes(from), `the cell of ${name} no longer has: ${from}`);
  return cells((s) => (s === cell ? s.split(from).join(to) : s));
}

/** The student's copy: every solution block (markers included) replaced by a stub that throws. */
const stub = (s: string) => s.replace(/^([ \t]*)\/\/ BEGIN SOLUTION\n[\s\S]*?^[ \t]*\/\/ END SOLUTION\n/gm, '$1throw new Error("not written yet");\n');

/** The first epoch at which two histories differ (Object.is), or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------------------------
// the rules of §4 over their runs in the notebook

const SPIRAL = [
  { rule: "sgd", settings: { lr: 0.01 }, final: "0.6907" },
  { rule: "adagrad", settings: { lr: 0.1 }, final: "0.6147" },
] as const;

for (const { rule, settings, final } of SPIRAL) {
  test(`§6: the cell's ${rule} through the cell's fit equals the library's at every one of ${epochs} epochs`, () => {
    const mine = taught.fit(data, taught[rule](settings), epochs) as rms.train.Run;
    const lib = rms.train.fit(data, rms.optim.createOptimizer(rule, settings), { epochs, seed: SEED });
    assert.is(firstDifference(mine.losses, lib.losses), -1);
    assert.is(firstDifference(mine.accuracies, lib.accuracies), -1);
    for (const name of rms.nn.PARAM_NAMES) assert.is(firstDifference(mine.params[name], lib.params[name]), -1, name);
    assert.is(mine.losses[epochs - 1]!.toFixed(4), final);
    assert.is(mine.optimizer, rule);
  });
}

test("§6: the cell's AdaGrad trains as the library's preset \"original\" did before (rms.train.run), and as §7's trace", () => {
  const mine = taught.fit(data, taught.adagrad({ lr: 0.1 }), epochs) as rms.train.Run;
  const preset = rms.train.run({ optimizer: "adagrad", preset: "original", epochs }, { data });
  assert.is(firstDifference(mine.losses, preset.losses), -1);
  const trace = rms.train.effectiveLrTrace(data, { optimizer: "adagrad", lr: 0.1, epochs });
  assert.is(firstDifference(mine.losses, trace.run.losses), -1);
});

test("§5: the cell's rules walk the valley exactly as the library's", () => {
  const valley = rms.train.objective("d2l");
  const walks = [
    [taught.sgd({ lr: 0.4 }), rms.optim.createOptimizer("sgd", { lr: 0.4 })],
    [taught.adagrad({ lr: 0.4, eps: 1e-6 }), rms.optim.createOptimizer("adagrad", { lr: 0.4, eps: 1e-6 })],
    [taught.adagrad({ lr: 2, eps: 1e-6 }), rms.optim.createOptimizer("adagrad", { lr: 2, eps: 1e-6 })],
  ] as const;
  for (const [mine, lib] of walks) {
    const a = rms.train.minimize(valley, [-5, -2], mine, 20);
    const b = rms.train.minimize(valley, [-5, -2], lib, 20);
    assert.is(firstDifference(a.values, b.values), -1);
    assert.is(firstDifference(a.trajectory.flat(), b.trajectory.flat()), -1);
  }
});

test("an edited AdaGrad cell (ε outside the root) changes §6's run", () => {
  const e = edited("adagrad", "return theta - lr / Math.sqrt(s.sumSquares + eps) * g; // θ ← θ − α/√(G + ε)·g",
    "return theta - lr / (Math.sqrt(s.sumSquares) + eps) * g;");
  const mine = e.fit(data, e.adagrad({ lr: 0.1 }), epochs) as rms.train.Run;
  const lib = rms.train.fit(data, rms.optim.createOptimizer("adagrad", { lr: 0.1 }), { epochs });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0, "the edit made no difference");
  assert.is.not(mine.losses[epochs - 1]!.toFixed(4), "0.6147");
});

test("an edited SGD cell (sign SGD) changes §6's run", () => {
  const e = edited("sgd", "step: (g, theta) => theta - lr * g,", "step: (g, theta) => theta - lr * Math.sign(g),");
  const mine = e.fit(data, e.sgd({ lr: 0.01 }), 200) as rms.train.Run;
  const lib = rms.train.fit(data, rms.optim.createOptimizer("sgd", { lr: 0.01 }), { epochs: 200 });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0, "the edit made no difference");
});

test("bad settings of the cells' rules get the library's typed errors", () => {
  for (const bad of [() => taught.adagrad({ eps: 0 }), () => taught.adagradEpsOutside({ lr: -1 }), () => taught.adagradKeras({ initialAccumulator: -0.1 })]) {
    assert.throws(bad, (e: unknown) => e instanceof rms.ValidationError);
  }
});

test("exercise 1's rule trains with the cell's fit and tabulates like the library's runs", () => {
  const run = taught.fit(data, taught.adagradEpsOutside({ lr: 0.1 }), 100) as rms.train.Run;
  assert.is(run.losses.length, 100);
  assert.ok(run.losses[99]! < run.losses[0]!);
  assert.is((rms.show.runsFrame([run]).values[0] as readonly unknown[])[0], "adagrad, ε outside");
});

// ---------------------------------------------------------------------------------------------------------------
// the exercises' checks

interface Cell { cell_type: string; id: string; source: string[] }
const notebookCells = (JSON.parse(notebookText) as { cells: Cell[] }).cells;

/** Run the check cell `id` with the cells' functions in scope; returns what it printed, or throws what it threw. */
function runCheck(id: string, scope: Record<string, unknown>): string[] {
  const cell = notebookCells.find((c) => c.id === id);
  assert.ok(cell, `no cell ${id}`);
  const { code } = transformSync(cell!.source.join(""), { loader: "ts", format: "cjs" });
  const all = { rms, ...scope };
  return captured(() => new Function(...Object.keys(all), code)(...Object.values(all))).printed;
}

/** The check throws an ExerciseError whose message matches every pattern. */
function fails(id: string, scope: Record<string, unknown>, ...patterns: RegExp[]) {
  try {
    runCheck(id, scope);
  } catch (e) {
    assert.instance(e, rms.exercises.ExerciseError, String(e));
    for (const p of patterns) assert.match((e as Error).message, p);
    return;
  }
  assert.unreachable(`${id} passed`);
}

const EXERCISES = [
  { check: "ex1-check", name: "adagradEpsOutside", about: /AdaGrad with ε outside the root/ },
  { check: "ex2-check", name: "adagradKeras", about: /Keras' AdaGrad/ },
  { check: "ex3-check", name: "rateAfter", about: /the effective rate after 1 step of g = 2/ },
  { check: "ex4-check", name: "stepsToATenth", about: /the first step below a tenth of the first one/ },
  { check: "ex5-check", name: "sparseOverDense", about: /the sparse feature's rate over the dense feature's/ },
] as const;

test("every exercise's solution sits between the markers, inside a function with a declared return type", () => {
  for (const { name } of EXERCISES) {
    const cell = notebookCells.find((c) => c.cell_type === "code" && c.source.join("").includes(`function ${name}(`))!;
    assert.match(cell.source.join(""), new RegExp(`function ${name}\\([^)]*\\)(?:: [\\w.]+)+ \\{\\n  // BEGIN SOLUTION\\n[\\s\\S]+\\n  // END SOLUTION\\n\\}$`));
  }
});

const student = cells(stub);
for (const { check, name, about } of EXERCISES) {
  test(`${check}: passes on the solution, fails on the student's stub with what to do`, () => {
    const printed = runCheck(check, taught);
    assert.ok(printed.length > 0 && printed.every((l) => l.startsWith("✅ pass")), printed.join("\n"));
    assert.throws(() => student[name](), /not written yet/);
    fails(check, { ...taught, [name]: student[name] }, about, /not written yet/, /Write it in the cell above/);
  });
}

test("exercise 1 fails on plausible wrong rules, with its hint", () => {
  const inside = edited("adagradEpsOutside", "return theta - lr / (Math.sqrt(s.sumSquares) + eps) * g; // θ ← θ − α/(√G + ε)·g",
    "return theta - lr / Math.sqrt(s.sumSquares + eps) * g;");
  fails("ex1-check", inside, /^❌ not yet: at step 1, with θ = .* and g = -?\d\.\d+e-1[12]/, /your step is smaller/, /is ε outside the root\?/);
  const late = edited("adagradEpsOutside", "      s.sumSquares = s.sumSquares + g ** 2; // G ← G + g²\n      return theta - lr / (Math.sqrt(s.sumSquares) + eps) * g;",
    "      const next = theta - lr / (Math.sqrt(s.sumSquares) + eps) * g;\n      s.sumSquares = s.sumSquares + g ** 2;\n      return next;");
  fails("ex1-check", late, /your step is larger: is G updated \(G ← G \+ g²\) before the step/);
});

test("exercise 2 fails on a G that starts at 0, with its hint", () => {
  const zero = edited("adagradKeras", "slots: { sumSquares: initialAccumulator }, // G starts at G₀", "slots: { sumSquares: 0 },");
  fails("ex2-check", zero, /Keras' AdaGrad's is/, /your step is larger/, /Where does your G start\?/);
});

test("exercises 3–5 fail on plausible wrong answers, with their hints", () => {
  const rate = "return lr / Math.sqrt(t * g ** 2 + eps); // G_t = g² + g² + … = t·g²";
  fails("ex3-check", edited("rateAfter", rate, "return lr / Math.sqrt(t * g + eps);"), /after 1 step of g = 2: .* is too high\. Hint: too high: G_t adds up the squares/);
  fails("ex3-check", edited("rateAfter", rate, "return lr / (t * g ** 2 + eps);"), /is too low\. Hint: too low: G_t holds t squared gradients/);
  fails("ex3-check", edited("rateAfter", rate, "return lr / Math.sqrt(g ** 2 + eps);"), /after 100 steps of g = 0\.5: 0\.1999\d+ is too high/);
  fails("ex4-check", edited("stepsToATenth", "  return 101;", "  return 10;"), /10 is too low\. Hint: too low: the step shrinks like 1\/√t, not like 1\/t/);
  fails("ex4-check", edited("stepsToATenth", "  return 101;", "  return 10000;"), /10000 is too high\. Hint: .*when is 1\/√t below 1\/10\?/);
  fails("ex5-check", edited("sparseOverDense", "return Math.sqrt(10000 / 100);", "return 10000 / 100;"), /100 is too high\. Hint: too high: the rates go like 1\/√G/);
  fails("ex5-check", edited("sparseOverDense", "return Math.sqrt(10000 / 100);", "return 1;"), /1 is too low\. Hint: too low: the sparse G holds 100 squared gradients/);
});

test("the checks measure the library, not the learner's cells: an edited §4 rule leaves them passing", () => {
  const e = edited("adagrad", "return theta - lr / Math.sqrt(s.sumSquares + eps) * g; // θ ← θ − α/√(G + ε)·g", "return theta;");
  for (const { check } of EXERCISES) runCheck(check, e);
});

test.run();
