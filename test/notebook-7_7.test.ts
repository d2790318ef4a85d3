/**
 * 7_7's taught code, run from the notebook's own cells: each unedited rule trains bit-identically to the library's at
 * every epoch of §6's runs (through the cell's loop) and at every step of §5's valley, a learner's edit changes the
 * result, and each exercise's check passes on its solution and fails, with its hint, on a stub or a wrong answer.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { transformSync } from "esbuild";
import * as rms from "../src/index";
import { codeCells, declared, quiet, runCells } from "./cells";

const NB = "7_7_adam.ipynb";
const SEED = 42;
const EPOCHS = 2000;
const data = rms.data.generateSpiralData({ seed: SEED });

const RULES = ["sgd", "momentum", "adagrad", "rmsprop", "adam", "fit"];
const cells = (edit?: (s: string) => string) =>
  quiet(() => runCells(NB, RULES, { scope: { SEED, data, epochs: EPOCHS }, ...(edit ? { edit } : {}) }));
const taught = cells();

/** The first index at which two series differ (Object.is), or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Replace `old` in a cell's source, failing loudly if the notebook no longer has it (a test that edits nothing passes for nothing). */
const replacing = (old: string, by: string) => (s: string) => (s.includes(old) ? s.replace(old, by) : s);
function editOf(old: string, by: string): (s: string) => string {
  assert.ok(codeCells(NB).some((c) => c.includes(old)), `no cell of ${NB} contains ${old}`);
  return replacing(old, by);
}

// §6's seven runs, as the notebook's cell writes them, and the library's rule for each (`library`, when it is not
// the cell's: the cell's Adam with its AdamW line, `weightDecay`, is the library's AdamW, decoupled as torch.optim.AdamW)
const RUNS: readonly { rule: string; library?: string; settings: rms.optim.OptimizerOptions; final: string; call: string }[] = [
  { rule: "sgd", settings: { lr: 0.01 }, final: "0.6907", call: "sgd({ lr: 0.01 })" },
  { rule: "momentum", settings: { lr: 0.01, beta: 0.9 }, final: "0.6907", call: "momentum({ lr: 0.01, beta: 0.9 })" },
  { rule: "adagrad", settings: { lr: 0.1 }, final: "0.6147", call: "adagrad({ lr: 0.1 })" },
  { rule: "rmsprop", settings: { lr: 0.001, beta: 0.9 }, final: "0.6372", call: "rmsprop({ lr: 0.001, beta: 0.9 })" },
  { rule: "adam", settings: { lr: 0.001 }, final: "0.6340", call: "adam({ lr: 0.001 })" },
  { rule: "adam", settings: { lr: 0.01 }, final: "0.5512", call: "adam({ lr: 0.01 })" },
  { rule: "adam", library: "adamw", settings: { lr: 0.01, weightDecay: 0.01 }, final: "0.6081", call: "adam({ lr: 0.01, weightDecay: 0.01 })" },
];

test("§6's run cell trains exactly the rules and settings tested here, in this order", () => {
  const cell = codeCells(NB).find((c) => c.includes("const runs = ["))!;
  const calls = [...cell.matchAll(/fit\(data, (\w+\(\{[^}]*\}\)), epochs\)/g)].map((m) => m[1]);
  assert.equal(calls, RUNS.map((r) => r.call));
});

for (const { rule, library, settings, final } of RUNS) {
  test(`§6: the cell's ${rule} ${JSON.stringify(settings)} through the cell's fit equals the library's ${library ?? rule} at every one of ${EPOCHS} epochs`, () => {
    const mine = taught.fit(data, taught[rule](settings), EPOCHS) as rms.train.Run;
    const lib = rms.train.fit(data, rms.optim.createOptimizer(library ?? rule, settings), { epochs: EPOCHS, seed: SEED });
    assert.is(firstDifference(mine.losses, lib.losses), -1);
    assert.is(firstDifference(mine.accuracies, lib.accuracies), -1);
    for (const name of rms.nn.PARAM_NAMES) assert.is(firstDifference(mine.params[name], lib.params[name]), -1, name);
    assert.is(mine.optimizer, rule);
    assert.is(mine.config.lr, settings.lr);
    assert.is(rms.text.fixed(mine.losses[EPOCHS - 1]!), final);
  });
}

test("§5: the cells' momentum, RMSProp and Adam take the library's path on the valley, to the last bit", () => {
  const valley = rms.train.objective("d2l");
  const walks = [
    { rule: "momentum", name: "momentum", settings: { lr: 0.4, beta: 0.5 } },
    { rule: "rmsprop", name: "rmsprop", settings: { lr: 0.4, beta: 0.9, eps: 1e-6 } },
    { rule: "adam", name: "adam", settings: { lr: 0.4 } },
  ];
  for (const { rule, name, settings } of walks) {
    const mine = rms.train.minimize(valley, [-5, -2], taught[rule](settings), 20);
    const lib = rms.train.minimize(valley, [-5, -2], rms.optim.createOptimizer(name, settings), 20);
    assert.is(firstDifference(mine.values, lib.values), -1, rule);
    assert.is(firstDifference(mine.trajectory.flat(), lib.trajectory.flat()), -1, rule);
  }
});

test("a learner's edit of the Adam cell changes §6's runs: no bias correction of v, or ε inside the root", () => {
  const edits = [
    editOf("const vHat = s.v / (1 - beta2 ** t);", "const vHat = s.v;"),
    editOf("lr * mHat / (Math.sqrt(vHat) + eps);", "lr * mHat / Math.sqrt(vHat + eps);"),
  ];
  const lib = rms.train.fit(data, rms.optim.createOptimizer("adam", { lr: 0.001 }), { epochs: EPOCHS });
  for (const edit of edits) {
    const edited = cells(edit);
    const mine = edited.fit(data, edited.adam({ lr: 0.001 }), EPOCHS) as rms.train.Run;
    assert.ok(firstDifference(mine.losses, lib.losses) > 0, "the edit made no difference");
    assert.is.not(rms.text.fixed(mine.losses[EPOCHS - 1]!), "0.6340");
  }
});

test("a learner's edit of the momentum cell (heavy ball: v ← β·v + g) changes §6's momentum run", () => {
  const edited = cells(editOf("s.velocity = beta * s.velocity + (1 - beta) * g;", "s.velocity = beta * s.velocity + g;"));
  const mine = edited.fit(data, edited.momentum({ lr: 0.01, beta: 0.9 }), EPOCHS) as rms.train.Run;
  const lib = rms.train.fit(data, rms.optim.createOptimizer("momentum", { lr: 0.01, beta: 0.9 }), { epochs: EPOCHS });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0);
});

test("the cell's rules refuse bad settings with the library's ValidationError, naming the setting", () => {
  const named = (re: RegExp) => (e: unknown) => e instanceof rms.ValidationError && re.test(e.message);
  assert.throws(() => taught.adam({ beta2: 1 }), named(/invalid beta2: 1 /));
  assert.throws(() => taught.adam({ weightDecay: -0.1 }), named(/invalid weightDecay: -0\.1/));
  assert.throws(() => taught.momentum({ beta: 1.5 }), named(/invalid beta: 1\.5/));
  assert.throws(() => taught.sgd({ lr: 0 }), named(/invalid lr: 0 /));
});

// ------------------------------------------------------------------------------------------------ exercises

const STUB = 'throw new Error("not written yet");';
/** The cell that declares function `name`, with that function's solution block replaced by `body`. */
const answering = (name: string, body: string) => (s: string) => {
  const at = s.indexOf(`function ${name}(`);
  if (at < 0) return s;
  const block = /^([ \t]*)\/\/ BEGIN SOLUTION\n[\s\S]*?\/\/ END SOLUTION$/m;
  const rest = s.slice(at);
  assert.match(rest, block, `${name} has no solution block`);
  return s.slice(0, at) + rest.replace(block, (_m, indent: string) => indent + body.trimStart());
};
/** The same with the stub a student's copy has. */
const stubbing = (name: string) => answering(name, STUB);

const ANSWERS = ["firstStepOf", "firstStep", "firstStepUncorrected", "rmspropCorrected", "l2Step", "adamwStep", "amsgrad", "finalLossesBySeed"];
const answers = (edit?: (s: string) => string) =>
  quiet(() => runCells(NB, [...RULES, ...ANSWERS], { scope: { SEED, data, epochs: EPOCHS }, ...(edit ? { edit } : {}) }));

/** Run the check cell that contains `marker` with these answers in scope; returns what it printed. */
function runCheck(marker: string, scope: Record<string, unknown>): string[] {
  const found = codeCells(NB).filter((c) => c.includes(marker) && /rms\.exercises\.check(Value|Rule)\(/.test(c));
  assert.is(found.length, 1, `check cells containing ${marker}`);
  const { code } = transformSync(found[0]!, { loader: "ts", format: "cjs" });
  const printed: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void printed.push(a.join(" "));
  try {
    new Function("rms", ...Object.keys(scope), code)(rms, ...Object.values(scope));
  } finally {
    console.log = log;
  }
  return printed;
}

/** The check fails with an ExerciseError whose message matches every pattern. */
function failsWith(marker: string, scope: Record<string, unknown>, ...patterns: RegExp[]): void {
  try {
    runCheck(marker, scope);
  } catch (e) {
    assert.instance(e, rms.exercises.ExerciseError);
    for (const p of patterns) assert.match((e as Error).message, p, (e as Error).message);
    return;
  }
  assert.unreachable(`the check of ${marker} passed`);
}

const CHECKS = [
  { exercise: 1, marker: "rms.exercises.checkValue(() => firstStep()", names: ["firstStep", "firstStepUncorrected"], passes: 3 },
  { exercise: 2, marker: "rms.exercises.checkRule(rmspropCorrected", names: ["rmspropCorrected"], passes: 2 },
  { exercise: 3, marker: "rms.exercises.checkValue(() => l2Step()", names: ["l2Step", "adamwStep"], passes: 2 },
] as const;

for (const { exercise, marker, passes } of CHECKS) {
  test(`exercise ${exercise}: the check passes on the teacher's solution`, () => {
    const printed = runCheck(marker, answers());
    assert.is(printed.filter((l) => l.startsWith("✅ pass")).length, passes, printed.join("\n"));
  });
}

for (const { exercise, marker, names } of CHECKS) {
  for (const name of names) {
    test(`exercise ${exercise}: with ${name} a stub that throws "not written yet", the check says so`, () => {
      const what = exercise === 2 ? /your rule threw before its first step: not written yet\. Write it in the cell above/
        : /your answer threw: not written yet\. Write it in the cell above/;
      failsWith(marker, answers(stubbing(name)), what);
    });
  }
}

test("exercise 1: plausible wrong answers get the hint that teaches", () => {
  // (a) the uncorrected step, 3.16·α, where Adam's is α
  failsWith("rms.exercises.checkValue(() => firstStep()", answers(answering("firstStep", "  return 0.001 * 0.1 / Math.sqrt(0.001);")),
    /first step for g = 0\.37: 0\.00316\d* is too high/, /Hint: after the correction m̂₁ = g and v̂₁ = g²/);
  // (b) forgetting the 1 − β₁ of m₁
  failsWith("rms.exercises.checkValue(() => firstStep()", answers(answering("firstStepUncorrected", "  return 0.001 / Math.sqrt(0.001);")),
    /without bias correction: 0\.0316\d* is too high/, /Hint: m₁ = \(1 − β₁\)·g is 10 times smaller than g: is the 1 − β₁ in your numerator\?/);
  // (b) the corrected step again
  failsWith("rms.exercises.checkValue(() => firstStep()", answers(answering("firstStepUncorrected", "  return 0.001;")),
    /is too low/, /√v₁ = √\(1 − β₂\)·\|g\| is smaller still/);
});

test("exercise 2: a rule without the bias correction, or with ε inside the root, gets the hint that finds it", () => {
  const noCorrection = answers(answering("rmspropCorrected", `  return rms.optim.elementwise({
    name: "mine", config: { lr, beta, eps }, slots: { E: 0 },
    step(g, theta, s) {
      s.E = beta * s.E + (1 - beta) * g ** 2;
      return theta - lr * g / (Math.sqrt(s.E) + eps);
    },
  });`));
  failsWith("rms.exercises.checkRule(rmspropCorrected", noCorrection, /not yet: at step 1,/, /Adam with β₁ = 0.s is/, /your step is 31\.6 times the reference.s, and 1\/√\(1 − β\^1\) = 31\.6: divide E by 1 − βᵗ before the root/);
  const epsInside = answers(answering("rmspropCorrected", `  return rms.optim.elementwise({
    name: "mine", config: { lr, beta, eps }, slots: { E: 0 },
    step(g, theta, s, t) {
      s.E = beta * s.E + (1 - beta) * g ** 2;
      return theta - lr * g / Math.sqrt(s.E / (1 - beta ** t) + eps);
    },
  });`));
  failsWith("rms.exercises.checkRule(rmspropCorrected", epsInside, /ε matters: is it inside the root or after it\?/);
});

test("exercise 3: L2 taken for AdamW's decay, or the other way round, gets the hint", () => {
  failsWith("rms.exercises.checkValue(() => l2Step()", answers(answering("l2Step", "  return 0.0001;")),
    /Adam with L2 .*: 0\.0001 is too low/, /λθ goes through m and v like any gradient/);
  failsWith("rms.exercises.checkValue(() => l2Step()", answers(answering("adamwStep", "  return 0.01;")),
    /AdamW \(g = 0\): 0\.01 is too high/, /AdamW's decay is α·λ·θ, outside m and v/);
});

test("exercise 2's two references: Adam at β₁ = 0 is RMSProp with bias correction and ε after the root, up to rounding", () => {
  const s = { lr: 0.001, beta: 0.999, eps: 1e-8 };
  const adamAtZero = (c: typeof s) => rms.optim.adam({ lr: c.lr, beta1: 0, beta2: c.beta, eps: c.eps });
  const variant = rms.optim.rmspropVariant({ ...s, biasCorrection: true, epsInsideSqrt: false });
  const todo = "(not written)";
  quiet(() => rms.exercises.checkRule(adamAtZero, s, variant, { todo }));
  // not to the last bit: the variant rounds (α/d)·g, Adam α·m̂/d
  assert.throws(() => quiet(() => rms.exercises.checkRule(adamAtZero, s, variant, { todo, tolerance: 0 })), (e: unknown) => e instanceof rms.exercises.ExerciseError);
});

test("exercises 4 and 5: the solutions train; AMSGrad's first step is Adam's", () => {
  const a = answers();
  const adam = rms.optim.adam({ lr: 0.01 });
  for (const g of [0.37, -5, 1e-9]) assert.ok(Object.is(a.firstStepOf(a.amsgrad({ lr: 0.01 }), g), a.firstStepOf(adam, g)), String(g));
  const run = a.fit(data, a.amsgrad({ lr: 0.01 }), 50) as rms.train.Run;
  assert.ok(run.losses[49]! < run.losses[0]!);
  const stubbed = answers(stubbing("finalLossesBySeed"));
  assert.throws(() => stubbed.finalLossesBySeed(), /not written yet/);
});

test.run();
