/**
 * 7_7's taught code, run from the notebook's own cells: each unedited rule trains bit-identically to the library's at
 * every epoch of §6's runs (through the cell's loop) and at every step of §5's valley, and a learner's edit changes the
 * result.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as rms from "../src/index";
import { codeCells, runCells } from "./cells";

const NB = "7_7_adam.ipynb";
const SEED = 42;
const EPOCHS = 2000;
const data = rms.generateSpiralData({ nSamples: 300, noise: 0.1, seed: SEED });

const quiet = <T>(f: () => T): T => {
  const log = console.log;
  console.log = () => {};
  try {
    return f();
  } finally {
    console.log = log;
  }
};
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

// §6's seven runs, as the notebook's cell writes them, and the library's rule for each
const RUNS = [
  { rule: "sgd", settings: { lr: 0.01 }, final: "0.6907", call: "sgd({ lr: 0.01 })" },
  { rule: "momentum", settings: { lr: 0.01, beta: 0.9 }, final: "0.6907", call: "momentum({ lr: 0.01, beta: 0.9 })" },
  { rule: "adagrad", settings: { lr: 0.1 }, final: "0.6147", call: "adagrad({ lr: 0.1 })" },
  { rule: "rmsprop", settings: { lr: 0.001, beta: 0.9 }, final: "0.6372", call: "rmsprop({ lr: 0.001, beta: 0.9 })" },
  { rule: "adam", settings: { lr: 0.001 }, final: "0.6340", call: "adam({ lr: 0.001 })" },
  { rule: "adam", settings: { lr: 0.01 }, final: "0.5512", call: "adam({ lr: 0.01 })" },
  { rule: "adam", settings: { lr: 0.01, weightDecay: 0.01 }, final: "0.6081", call: "adam({ lr: 0.01, weightDecay: 0.01 })" },
] as const;

test("§6's run cell trains exactly the rules and settings tested here, in this order", () => {
  const cell = codeCells(NB).find((c) => c.includes("const runs = ["))!;
  const calls = [...cell.matchAll(/fit\(data, (\w+\(\{[^}]*\}\)), epochs\)/g)].map((m) => m[1]);
  assert.equal(calls, RUNS.map((r) => r.call));
});

for (const { rule, settings, final } of RUNS) {
  test(`§6: the cell's ${rule} ${JSON.stringify(settings)} through the cell's fit equals the library's at every one of ${EPOCHS} epochs`, () => {
    const mine = taught.fit(data, taught[rule](settings), EPOCHS) as rms.Run;
    const lib = rms.fit(data, rms.createOptimizer(rule, settings), { epochs: EPOCHS, seed: SEED });
    assert.is(firstDifference(mine.losses, lib.losses), -1);
    assert.is(firstDifference(mine.accuracies, lib.accuracies), -1);
    for (const name of rms.PARAM_NAMES) assert.is(firstDifference(mine.params[name], lib.params[name]), -1, name);
    assert.is(mine.optimizer, rule);
    assert.is(mine.config.lr, settings.lr);
    assert.is(rms.fixed(mine.losses[EPOCHS - 1]!), final);
  });
}

test("§5: the cells' momentum, RMSProp and Adam take the library's path on the valley, to the last bit", () => {
  const valley = rms.objective("d2l");
  const walks = [
    { rule: "momentum", name: "momentum", settings: { lr: 0.4, beta: 0.5 } },
    { rule: "rmsprop", name: "rmsprop", settings: { lr: 0.4, beta: 0.9, eps: 1e-6 } },
    { rule: "adam", name: "adam", settings: { lr: 0.4 } },
  ];
  for (const { rule, name, settings } of walks) {
    const mine = rms.minimize(valley, [-5, -2], taught[rule](settings), 20);
    const lib = rms.minimize(valley, [-5, -2], rms.createOptimizer(name, settings), 20);
    assert.is(firstDifference(mine.values, lib.values), -1, rule);
    assert.is(firstDifference(mine.trajectory.flat(), lib.trajectory.flat()), -1, rule);
  }
});

test("a learner's edit of the Adam cell changes §6's runs: no bias correction of v, or ε inside the root", () => {
  const edits = [
    editOf("const vHat = s.v / (1 - beta2 ** t);", "const vHat = s.v;"),
    editOf("lr * mHat / (Math.sqrt(vHat) + eps);", "lr * mHat / Math.sqrt(vHat + eps);"),
  ];
  const lib = rms.fit(data, rms.createOptimizer("adam", { lr: 0.001 }), { epochs: EPOCHS });
  for (const edit of edits) {
    const edited = cells(edit);
    const mine = edited.fit(data, edited.adam({ lr: 0.001 }), EPOCHS) as rms.Run;
    assert.ok(firstDifference(mine.losses, lib.losses) > 0, "the edit made no difference");
    assert.is.not(rms.fixed(mine.losses[EPOCHS - 1]!), "0.6340");
  }
});

test("a learner's edit of the momentum cell (heavy ball: v ← β·v + g) changes §6's momentum run", () => {
  const edited = cells(editOf("s.velocity = beta * s.velocity + (1 - beta) * g;", "s.velocity = beta * s.velocity + g;"));
  const mine = edited.fit(data, edited.momentum({ lr: 0.01, beta: 0.9 }), EPOCHS) as rms.Run;
  const lib = rms.fit(data, rms.createOptimizer("momentum", { lr: 0.01, beta: 0.9 }), { epochs: EPOCHS });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0);
});

test("the cell's rules refuse bad settings with the library's ValidationError, naming the setting", () => {
  const named = (re: RegExp) => (e: unknown) => e instanceof rms.ValidationError && re.test(e.message);
  assert.throws(() => taught.adam({ beta2: 1 }), named(/invalid beta2: 1 /));
  assert.throws(() => taught.adam({ weightDecay: -0.1 }), named(/invalid weightDecay: -0\.1/));
  assert.throws(() => taught.momentum({ beta: 1.5 }), named(/invalid beta: 1\.5/));
  assert.throws(() => taught.sgd({ lr: 0 }), named(/invalid lr: 0 /));
});

test.run();
