/**
 * 7_6's exercises, run from the notebook's own cells: each check passes on the teacher's solution, and fails with an
 * ExerciseError on the learner's stub (the solution block replaced by a throw, as the student copy has it) and on
 * plausible wrong answers, with the hint that teaches. Also the reference AdaDelta the check compares with.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { transformSync } from "esbuild";
import * as rms from "../src/index";
import { codeCells, declared } from "./cells";

const NB = "7_6_rmsprop.ipynb";
const cells = codeCells(NB);
const STUB = 'throw new Error("not written yet");';

/** A solution block, both marker lines included, replaced by the stub at the BEGIN line's indentation. */
function stubbed(source: string): string {
  const out = source.replace(/^([ \t]*)\/\/ BEGIN SOLUTION\n[\s\S]*?^[ \t]*\/\/ END SOLUTION$/gm, `$1${STUB}`);
  assert.is.not(out, source, "no solution block");
  return out;
}

/** The exercise whose answer cell declares `name`: that cell, and the check cell right after it. */
function exercise(name: string): { answer: string; check: string } {
  const i = cells.findIndex((c) => declared(c).includes(name));
  if (i < 0) throw new Error(`${NB}: no cell declares ${name}`);
  assert.match(cells[i]!, /\/\/ BEGIN SOLUTION/, `${name}'s cell has no solution block`);
  assert.match(cells[i + 1]!, /\brms\.exercises\.check\w*\(/, `the cell after ${name}'s is not a check`);
  return { answer: cells[i]!, check: cells[i + 1]! };
}

/** Run cells as the kernel would (TypeScript compiled, `rms` bound), with console.log captured. */
function run(sources: readonly string[], scope: Record<string, unknown> = {}): { printed: string[]; error?: unknown } {
  const { code } = transformSync(sources.join("\n"), { loader: "ts", format: "cjs" });
  const printed: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void printed.push(args.join(" "));
  try {
    new Function("rms", ...Object.keys(scope), code)(rms, ...Object.values(scope));
    return { printed };
  } catch (error) {
    return { printed, error };
  } finally {
    console.log = log;
  }
}

const passes = (sources: readonly string[], scope?: Record<string, unknown>) => {
  const r = run(sources, scope);
  assert.is(r.error, undefined, String(r.error));
  assert.ok(r.printed.length > 0 && r.printed.every((l) => l.startsWith("✅ pass")), r.printed.join("\n"));
};

/** The check fails with an ExerciseError whose message matches every pattern. */
const fails = (sources: readonly string[], ...patterns: RegExp[]) => {
  const { error } = run(sources, { bowl: rms.train.objective("d2l") });
  assert.ok(error instanceof rms.exercises.ExerciseError, `expected an ExerciseError, got ${String(error)}`);
  for (const p of patterns) assert.match((error as Error).message, p);
};

/** The answer cell with one piece of the solution replaced: a learner's plausible mistake. */
const wrong = (answer: string, from: string, to: string) => {
  assert.ok(answer.includes(from), `the solution no longer contains ${JSON.stringify(from)}`);
  return answer.replace(from, to);
};

// ---------------------------------------------------------------------------------------------------------------
// 1. ε outside the root

test("exercise 1 (ε outside the root): the solution passes the check", () => {
  const { answer, check } = exercise("rmspropEpsOutside");
  passes([answer, check]);
});

test("exercise 1: the stub fails with 'not written yet'", () => {
  const { answer, check } = exercise("rmspropEpsOutside");
  fails([stubbed(answer), check], /^❌ your rule threw before its first step: not written yet/);
});

test("exercise 1: ε left inside the root fails on a tiny gradient, with the hint 'where is your ε?'", () => {
  const { answer, check } = exercise("rmspropEpsOutside");
  const inside = wrong(answer, "Math.sqrt(s.meanSquare) + eps) * g", "Math.sqrt(s.meanSquare + eps)) * g");
  fails([inside, check], /^❌ not yet: at step \d+, with θ = .* and g = -?\d\.\d+e-(9|1\d), your step is .* and PyTorch's RMSprop's is /, /√ε = 1e-4.*Where is your ε\?/);
});

test("exercise 1: an average without (1 − β) fails on a large gradient, with the hint on E[g²]'s update", () => {
  const { answer, check } = exercise("rmspropEpsOutside");
  const noDecay = wrong(answer, "beta * s.meanSquare + (1 - beta) * g ** 2", "beta * s.meanSquare + g ** 2");
  fails([noDecay, check], /for a gradient this large ε hardly matters: look at the update of E\[g²\]/);
});

// ---------------------------------------------------------------------------------------------------------------
// 2. AdaDelta

test("the reference AdaDelta is Zeiler's: its first steps by hand, α a multiplier, its settings checked", () => {
  const [lr, rho, eps] = [0.5, 0.9, 1e-6];
  const opt = rms.optim.adadelta({ lr, rho, eps });
  let params: rms.optim.Leaves = { w: Float64Array.of(2) };
  let state = opt.init(params);
  // by hand: E[g²] and E[Δθ²] from 0
  let [Eg, Ed, theta] = [0, 0, 2];
  for (const g of [3, -0.5, 1e-4]) {
    Eg = rho * Eg + (1 - rho) * g * g;
    const delta = (Math.sqrt(Ed + eps) / Math.sqrt(Eg + eps)) * g;
    Ed = rho * Ed + (1 - rho) * delta * delta;
    theta -= lr * delta;
    ({ params, state } = opt.update({ w: Float64Array.of(g) }, state, params));
    assert.ok(Math.abs(params.w![0]! - theta) <= 1e-15 * Math.abs(theta), `${params.w![0]} vs ${theta}`);
  }
  // the first step's size is about α·√(ε/(1 − ρ)), whatever g
  const first = rms.optim.adadelta().update({ w: Float64Array.of(7) }, rms.optim.adadelta().init({ w: Float64Array.of(0) }), { w: Float64Array.of(0) });
  assert.ok(Math.abs(-first.params.w![0]! / Math.sqrt(1e-6 / 0.1) - 1) < 1e-6);
  assert.equal(rms.optim.adadelta().config, { lr: 1, rho: 0.9, eps: 1e-6 });
  assert.throws(() => rms.optim.adadelta({ rho: 1 }), (e: unknown) => e instanceof rms.ValidationError && /invalid rho: 1 /.test(e.message));
  assert.throws(() => rms.optim.adadelta({ eps: 0 }), (e: unknown) => e instanceof rms.ValidationError && /invalid eps: 0 /.test(e.message));
});

test("exercise 2 (AdaDelta): the solution passes the check", () => {
  const { answer, check } = exercise("adadelta");
  passes([answer, check]);
});

test("exercise 2: the stub fails with 'not written yet'", () => {
  const { answer, check } = exercise("adadelta");
  fails([stubbed(answer), check], /^❌ your rule threw before its first step: not written yet/);
});

test("exercise 2: no ε in the numerator fails at the first step, with the hint on E[Δθ²] = 0", () => {
  const { answer, check } = exercise("adadelta");
  const noEps = wrong(answer, "Math.sqrt(s.meanDelta + eps) / Math.sqrt(s.meanSquare + eps) * g",
    "Math.sqrt(s.meanDelta) / Math.sqrt(s.meanSquare + eps) * g");
  fails([noEps, check], /^❌ not yet: at step 1,/, /at the first step E\[Δθ²\] is still 0/);
});

test("exercise 2: averaging α·Δθ instead of Δθ fails from the second step, with the hint on E[Δθ²]'s update", () => {
  const { answer, check } = exercise("adadelta");
  const scaled = wrong(answer, "(1 - rho) * delta ** 2", "(1 - rho) * (lr * delta) ** 2");
  fails([scaled, check], /^❌ not yet: at step [2-6],/, /the first step agrees, step [2-6] does not: after computing Δθ, update E\[Δθ²\]/);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. β → 0 and β → 1

test("exercise 3 (RMSProp's first step): the solution passes at every β of the check", () => {
  const { answer, check } = exercise("firstStep");
  const r = run([answer, check]);
  assert.is(r.error, undefined, String(r.error));
  assert.is(r.printed.filter((l) => l.startsWith("✅ pass")).length, 4);
});

test("exercise 3: the stub fails with 'not written yet'", () => {
  const { answer, check } = exercise("firstStep");
  fails([stubbed(answer), check], /^❌ RMSProp's first step at β = 0\.9, in units of α: your answer threw: not written yet/);
});

test("exercise 3: forgetting that E[g²] starts at 0 is too low; forgetting the root is too high", () => {
  const { answer, check } = exercise("firstStep");
  fails([wrong(answer, "return 1 / Math.sqrt(1 - beta);", "return 1;"), check], /too low\. Hint: E\[g²\] starts at 0/);
  fails([wrong(answer, "return 1 / Math.sqrt(1 - beta);", "return Math.sqrt(1 - beta);"), check], /too low/);
  fails([wrong(answer, "return 1 / Math.sqrt(1 - beta);", "return 1 / (1 - beta);"), check], /too high\. Hint: .*mind the square root/);
});

// ---------------------------------------------------------------------------------------------------------------
// 4. the α at which gradient descent diverges on the valley

test("exercise 4 (divergence): the check measures the limit by bisection, and the solution passes", () => {
  const { answer, check } = exercise("sgdLimit");
  passes([answer, check]);
  // the limit the check measures: 2/L for the steep direction's curvature L = 4, within its 1%
  const measured = run([check.replace(/rms\.exercises\.checkValue\([\s\S]*$/, "console.log(String(sgdStable));")]).printed[0];
  assert.ok(Math.abs(Number(measured) - 0.5) < 0.005, measured);
});

test("exercise 4: the stub fails with 'not written yet'", () => {
  const { answer, check } = exercise("sgdLimit");
  fails([stubbed(answer), check], /^❌ the α above which gradient descent diverges on the valley: your answer threw: not written yet/);
});

test("exercise 4: a limit too low or too high gets the hint that matches", () => {
  const { answer, check } = exercise("sgdLimit");
  fails([wrong(answer, "return 0.5;", "return 0.25;"), check], /0\.25 is too low\. Hint: at your α gradient descent still converges/);
  fails([wrong(answer, "return 0.5;", "return 1;"), check], /1 is too high\. Hint: at your α, \|1 − 4α\| > 1 already/);
});

// ---------------------------------------------------------------------------------------------------------------
// 5. the rotated valley (no check: its solution is tested here)

test("exercise 5 (rotated valley): at 0° the solution is §10.1's valley; at 45° its gradient is f's", () => {
  const i = cells.findIndex((c) => declared(c).includes("rotatedValley"));
  assert.match(cells[i]!, /\/\/ BEGIN SOLUTION/);
  const { rotatedValley } = new Function("rms", `${transformSync(cells[i]!, { loader: "ts", format: "cjs" }).code}\nreturn { rotatedValley };`)(rms) as
    { rotatedValley: (degrees: number) => rms.train.Objective };
  const d2l = rms.train.objective("d2l");
  const [a, b] = [new Float64Array(2), new Float64Array(2)];
  for (const x of [[-5, -2], [1.5, 0.3], [0, 0], [-0.7, 2.2]].map((p) => Float64Array.from(p))) {
    assert.ok(Math.abs(rotatedValley(0).value(x) - d2l.value(x)) <= 1e-12 * (1 + d2l.value(x)));
    rotatedValley(0).gradient(x, a);
    d2l.gradient(x, b);
    assert.ok(Math.abs(a[0]! - b[0]!) < 1e-12 && Math.abs(a[1]! - b[1]!) < 1e-12);
    const f = rotatedValley(45);
    f.gradient(x, a);
    for (const k of [0, 1]) {
      const h = 1e-6;
      const [up, down] = [Float64Array.from(x), Float64Array.from(x)];
      up[k]! += h;
      down[k]! -= h;
      assert.ok(Math.abs((f.value(up) - f.value(down)) / (2 * h) - a[k]!) < 1e-6, `∂f/∂x${k + 1} at ${x.join(", ")}`);
    }
  }
  // from Rᵀ·(−5, −2), f starts where §10.1's does, whatever the angle
  const phi = Math.PI / 4;
  const from = Float64Array.of(Math.cos(phi) * -5 + Math.sin(phi) * -2, -Math.sin(phi) * -5 + Math.cos(phi) * -2);
  assert.ok(Math.abs(rotatedValley(45).value(from) - 10.5) < 1e-12);
});

test("the exercises section: every answer cell with a solution block still type-checks as a stub (a declared return type)", () => {
  for (const name of ["rmspropEpsOutside", "adadelta", "firstStep", "sgdLimit", "rotatedValley"]) {
    const cell = cells.find((c) => declared(c).includes(name))!;
    assert.match(cell, new RegExp(`function ${name}\\([^)]*\\): [\\w.]+ \\{\\n  // BEGIN SOLUTION\\n`), name);
    assert.match(stubbed(cell), new RegExp(`\\): [\\w.]+ \\{\\n  ${STUB.replace(/[()".]/g, "\\$&")}\\n\\}$`), name);
  }
});

test.run();
