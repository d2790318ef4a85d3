/**
 * 7_4's taught code and exercises, run from the notebook's own cells: each unedited rule (SGD, momentum's EMA form,
 * heavy ball) trains bit-identically to the library's through the cell's `fit` (§6) and walks the same path on the
 * valley (§5); a learner's edit changes the result. Each exercise check passes with the teacher's solution and fails
 * with an ExerciseError on the student's stub and on a plausible wrong answer, with its hint. The Nesterov reference
 * the check compares with is checked here against two independent forms.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { transformSync } from "esbuild";
import * as rms from "../src/index";
import { codeCells, declared, quiet, runCells } from "./cells";

const NB = "7_4_sgd_with_momentum.ipynb";
const SEED = 42;
const data = rms.data.generateSpiralData({ samples: 300, noise: 0.1, seed: SEED });
const RULES = ["sgd", "momentum", "heavyBall", "fit"];
const cells = (edit?: (s: string) => string) =>
  quiet(() => runCells(NB, RULES, { scope: { SEED, data }, ...(edit ? { edit } : {}) }));
const taught = cells();

/** The first index at which two series differ (Object.is), or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

// §6's four runs, as the notebook's cell writes them, against the library's rules trained by the library's fit
const SPIRAL = [
  { cell: "sgd", settings: { lr: 0.01 }, library: rms.optim.createOptimizer("sgd", { lr: 0.01 }), final: "0.6907" },
  { cell: "momentum", settings: { lr: 0.01, beta: 0.9 }, library: rms.optim.createOptimizer("momentum", { lr: 0.01, beta: 0.9 }), final: "0.6907" },
  { cell: "heavyBall", settings: { lr: 0.01, beta: 0.9 }, library: rms.optim.createOptimizer("momentum", { lr: 0.01, beta: 0.9, ema: false }), final: "0.6695" },
  { cell: "sgd", settings: { lr: 0.1 }, library: rms.optim.createOptimizer("sgd", { lr: 0.1 }), final: "0.6695" },
] as const;

for (const { cell, settings, library, final } of SPIRAL) {
  test(`§6: the cell's ${cell}(${JSON.stringify(settings)}) through the cell's fit equals the library's at all 2000 epochs`, () => {
    const mine = taught.fit(data, taught[cell](settings), 2000) as rms.train.Run;
    const lib = rms.train.fit(data, library, { epochs: 2000, seed: SEED });
    assert.is(firstDifference(mine.losses, lib.losses), -1);
    assert.is(firstDifference(mine.accuracies, lib.accuracies), -1);
    for (const name of rms.nn.PARAM_NAMES) assert.is(firstDifference(mine.params[name], lib.params[name]), -1, name);
    assert.equal(mine.config, lib.config);
    assert.is(mine.optimizer, lib.optimizer);
    assert.is(mine.losses[1999]!.toFixed(4), final);
  });
}

// §5's three walkers on the valley, 20 steps each
const VALLEY = [
  { cell: "sgd", settings: { lr: 0.4 }, library: () => rms.optim.createOptimizer("sgd", { lr: 0.4 }) },
  { cell: "momentum", settings: { lr: 0.4, beta: 0.5 }, library: () => rms.optim.createOptimizer("momentum", { lr: 0.4, beta: 0.5 }) },
  { cell: "heavyBall", settings: { lr: 0.4, beta: 0.5 }, library: () => rms.optim.createOptimizer("momentum", { lr: 0.4, beta: 0.5, ema: false }) },
] as const;

test("§5: the cells' rules walk the library's paths on the valley, to the last bit", () => {
  const valley = rms.train.objective("d2l");
  for (const { cell, settings, library } of VALLEY) {
    const mine = rms.train.minimize(valley, [-5, -2], taught[cell](settings), 20);
    const lib = rms.train.minimize(valley, [-5, -2], library(), 20);
    assert.is(firstDifference(mine.trajectory.flat(), lib.trajectory.flat()), -1, cell);
    assert.is(firstDifference(mine.values, lib.values), -1, cell);
  }
});

test("a learner's edit of the momentum cell (the 1 − β dropped) changes §6's run and its final loss", () => {
  const edited = cells((s) => s.replace("s.velocity = beta * s.velocity + (1 - beta) * g;", "s.velocity = beta * s.velocity + g;"));
  const mine = edited.fit(data, edited.momentum({ lr: 0.01, beta: 0.9 }), 2000) as rms.train.Run;
  const lib = rms.train.fit(data, rms.optim.createOptimizer("momentum", { lr: 0.01, beta: 0.9 }), { epochs: 2000, seed: SEED });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0, "the edit made no difference");
  assert.is.not(mine.losses[1999]!.toFixed(4), "0.6907");
});

test("a learner's edit of the heavy-ball cell (bias-corrected velocity) changes its path on the valley", () => {
  const edited = cells((s) => s.replace("step(g, theta, s) {\n      s.velocity = beta * s.velocity + g; // v ← β·v + g: a sum\n      return theta - lr * s.velocity;",
    "step(g, theta, s, t) {\n      s.velocity = beta * s.velocity + g;\n      return theta - lr * s.velocity / (1 - beta ** t);"));
  const valley = rms.train.objective("d2l");
  const mine = rms.train.minimize(valley, [-5, -2], edited.heavyBall({ lr: 0.4, beta: 0.5 }), 20);
  const lib = rms.train.minimize(valley, [-5, -2], rms.optim.createOptimizer("momentum", { lr: 0.4, beta: 0.5, ema: false }), 20);
  assert.ok(firstDifference(mine.values, lib.values) > 0, "the edit made no difference");
});

test("an edit of the loop (no update of W1) is seen too", () => {
  const edited = cells((s) => s.replace("const grads = net.backward(); // 3. backward propagation", "const grads = net.backward(); grads.W1.fill(0);"));
  const mine = edited.fit(data, edited.momentum(), 50) as rms.train.Run;
  const lib = rms.train.fit(data, rms.optim.createOptimizer("momentum"), { epochs: 50, seed: SEED });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0);
});

test("the cells' rules refuse bad settings with the library's ValidationError, naming the setting", () => {
  assert.throws(() => taught.momentum({ beta: 1 }), (e: unknown) => e instanceof rms.ValidationError && /invalid beta: 1 /.test(e.message));
  assert.throws(() => taught.heavyBall({ lr: 0 }), (e: unknown) => e instanceof rms.ValidationError && /invalid lr: 0 /.test(e.message));
  assert.throws(() => taught.sgd({ lr: Number.NaN }), (e: unknown) => e instanceof rms.ValidationError && /invalid lr: NaN/.test(e.message));
});

// ---- exercises ----

const SOLUTION = /^[ \t]*\/\/ BEGIN SOLUTION\n[\s\S]*?^[ \t]*\/\/ END SOLUTION[^\n]*$/m;
const stub = (s: string) => s.replace(SOLUTION, '  throw new Error("not written yet");');

/** Run the check cell that follows the cell declaring `name`, with that cell (edited by `edit`) in scope. */
function runCheck(name: string, edit?: (s: string) => string): void {
  const all = codeCells(NB);
  const at = all.findIndex((c) => declared(c).includes(name));
  assert.ok(at >= 0, `no cell declares ${name}`);
  const answer = quiet(() => runCells(NB, [name], edit ? { edit } : {}));
  const { code } = transformSync(all[at + 1]!, { loader: "ts", format: "cjs" });
  quiet(() => new Function("rms", name, code)(rms, answer[name]));
}

/** The ExerciseError a check throws, or a failure if it throws something else or nothing. */
function failure(name: string, edit: (s: string) => string): string {
  try {
    runCheck(name, edit);
  } catch (e) {
    assert.ok(e instanceof rms.exercises.ExerciseError, `not an ExerciseError: ${String(e)}`);
    return e.message;
  }
  assert.unreachable(`the check of ${name} passed`);
  return "";
}

/** Replace the solution's lines by `body`, as a plausible wrong answer. */
const answer = (body: string) => (s: string) => s.replace(SOLUTION, body);

const EXERCISES: { name: string; about: RegExp; wrong: { body: string; hint: RegExp }[] }[] = [
  {
    name: "warmUpSteps", about: /the steps the EMA needs to pass 90% of a constant gradient/,
    wrong: [
      { body: "  return Math.round(1 / (1 - beta)); // the memory, not the warm-up", hint: /is too low\. Hint: after that many steps v_t = \(1 − β\^t\)·g is still at most 0\.9·g/ },
      { body: "  return Math.ceil(3 / (1 - beta));", hint: /is too high\. Hint: v_t = \(1 − β\^t\)·g passes 0\.9·g sooner/ },
    ],
  },
  {
    name: "emaLrFor", about: /heavy ball \(α 0\.01, β 0\.9\)/,
    wrong: [
      { body: "  return heavyLr * (1 - beta);", hint: /Hint: your steps are 0\.010× heavy ball's: how much larger does adding g/ },
      { body: "  return heavyLr;", hint: /Hint: your steps are 0\.100× heavy ball's/ },
    ],
  },
  {
    name: "nesterov", about: /Nesterov \(α 0\.01, β 0\.9\)/,
    wrong: [
      {
        // heavy ball: the look-ahead forgotten
        body: "  return rms.optim.elementwise({ name: \"nesterov\", config: { lr, beta }, slots: { velocity: 0 },\n" +
          "    step(g, theta, s) { s.velocity = beta * s.velocity + g; return theta - lr * s.velocity; } });",
        hint: /at step 1, .*Hint: at the first step v = g, so Nesterov's step is −α·\(1 \+ β\)·g = .*: the look-ahead adds β·v to g/,
      },
      {
        // the look-ahead with the old velocity, updated after the step
        body: "  return rms.optim.elementwise({ name: \"nesterov\", config: { lr, beta }, slots: { velocity: 0 },\n" +
          "    step(g, theta, s) { const next = theta - lr * (g + beta * s.velocity);\n" +
          "      s.velocity = beta * s.velocity + g; return next; } });",
        hint: /Hint: at the first step v = g/,
      },
    ],
  },
  {
    name: "largestStableLr", about: /the largest α at which the EMA form with β = 0\.5 converges on the valley/,
    wrong: [
      { body: "  return (1 + beta) / 2; // heavy ball's bound", hint: /is too low\. Hint: it still converges above that α/ },
      { body: "  return (2 * (1 + beta)) / (1 - beta);", hint: /is too high\. Hint: above that α, x₂ grows/ },
    ],
  },
];

test("the notebook ends with its exercises, each answer between BEGIN and END SOLUTION and followed by its check", () => {
  const all = codeCells(NB);
  for (const { name } of EXERCISES) {
    const at = all.findIndex((c) => declared(c).includes(name));
    assert.ok(SOLUTION.test(all[at]!), `${name}: no solution block`);
    assert.match(all[at + 1]!, /rms\.exercises\.check(Rule|Value)\(/, `${name}: no check after it`);
  }
});

for (const { name, about, wrong } of EXERCISES) {
  test(`exercise ${name}: the check passes with the solution`, () => {
    runCheck(name);
  });
  test(`exercise ${name}: the check fails on the student's stub, saying it is not written yet`, () => {
    const message = failure(name, stub);
    assert.match(message, /not written yet/);
    assert.match(message, /Write it in the cell above/);
    assert.match(message, about);
  });
  for (const { body, hint } of wrong) {
    test(`exercise ${name}: the check fails on a wrong answer with its hint (${body.trim().slice(0, 40)}…)`, () => {
      assert.match(failure(name, answer(body)), hint);
    });
  }
}

// ---- the Nesterov reference, checked against two other forms ----

/** Random gradient sequences of every scale, reproducibly. */
function sequences(count: number, steps: number): { theta: number; gs: number[] }[] {
  const r = new rms.data.RandomState(7);
  return Array.from({ length: count }, () => ({
    theta: 3 * r.standardNormal(),
    gs: Array.from({ length: steps }, () => r.standardNormal() * 10 ** Math.floor(6 * r.randomSample() - 3)),
  }));
}

test("the Nesterov reference moves θ as an SGD step with α, then a library heavy-ball step with α·β, on the same gradient", () => {
  for (const { lr, beta } of [{ lr: 0.01, beta: 0.9 }, { lr: 0.4, beta: 0.5 }, { lr: 1, beta: 0.99 }]) {
    for (const { theta, gs } of sequences(50, 8)) {
      const ref = rms.exercises.nesterovReference({ lr, beta });
      const sgd = rms.optim.createOptimizer("sgd", { lr });
      const ball = rms.optim.createOptimizer("momentum", { lr: lr * beta, beta, ema: false });
      let p: rms.optim.Leaves = { w: Float64Array.of(theta) };
      let q: rms.optim.Leaves = { w: Float64Array.of(theta) };
      let sRef = ref.init(p);
      let sSgd = sgd.init(q);
      let sBall = ball.init(q);
      for (const g of gs) {
        const grads = { w: Float64Array.of(g) };
        const a = ref.update(grads, sRef, p);
        const b1 = sgd.update(grads, sSgd, q);
        const b2 = ball.update(grads, sBall, b1.params);
        const [x, y] = [a.params.w![0]!, b2.params.w![0]!];
        assert.ok(Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x)), `${x} against ${y}`);
        [p, sRef, q, sSgd, sBall] = [a.params, a.state, b2.params, b1.state, b2.state];
      }
    }
  }
});

test("the Nesterov reference follows Sutskever's look-ahead form, at its look-ahead point, on a quadratic", () => {
  for (const { lr, beta, curvature } of [{ lr: 0.01, beta: 0.9, curvature: 4 }, { lr: 0.4, beta: 0.5, curvature: 0.2 }, { lr: 0.1, beta: 0.99, curvature: 1 }]) {
    const grad = (x: number) => curvature * x;
    // Sutskever et al. (2013): v ← β·v − α·∇f(θ + β·v);  θ ← θ + v
    let theta = -2;
    let v = 0;
    const ref = rms.exercises.nesterovReference({ lr, beta });
    let p: rms.optim.Leaves = { w: Float64Array.of(theta) };
    let s = ref.init(p);
    for (let t = 0; t < 50; t++) {
      const next = ref.update({ w: Float64Array.of(grad(p.w![0]!)) }, s, p);
      [p, s] = [next.params, next.state];
      v = beta * v - lr * grad(theta + beta * v);
      theta += v;
      const lookAhead = theta + beta * v;
      assert.ok(Math.abs(p.w![0]! - lookAhead) <= 1e-12 * Math.max(1, Math.abs(lookAhead)), `step ${t + 1}: ${p.w![0]} against ${lookAhead}`);
    }
  }
});

test("rms.exercises.nesterovReference refuses bad settings with the library's ValidationError", () => {
  assert.throws(() => rms.exercises.nesterovReference({ beta: 1 }), (e: unknown) => e instanceof rms.ValidationError && /invalid beta: 1 /.test(e.message));
  assert.throws(() => rms.exercises.nesterovReference({ lr: -1 }), (e: unknown) => e instanceof rms.ValidationError && /invalid lr: -1/.test(e.message));
});

test.run();
