/**
 * 7_6's taught code, run from the notebook's own cells: the network functions agree with the fast network, each
 * unedited rule trains bit-identically to the library's at every epoch of §7's run, through the cell's loop, and a
 * learner's edit changes the result.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as rms from "../src/index";
import { quiet, runCells } from "./cells";

const NB = "7_6_rmsprop.ipynb";
const SEED = 42;
const data = rms.data.generateSpiralData({ samples: 300, noise: 0.1, seed: SEED });
const cells = (edit?: (s: string) => string) =>
  quiet(() => runCells(NB, ["relu", "forwardPropagation", "computeLoss", "backwardPropagation", "sgd", "adagrad", "rmsprop", "fit"],
    { scope: { SEED, data }, ...(edit ? { edit } : {}) }));
const taught = cells();

/** The first epoch at which two loss histories differ (Object.is), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

// §7's three runs, as the notebook's cell writes them, against the library's rules trained by the library's fit
const RUNS = [
  { rule: "sgd", settings: { lr: 0.01 } },
  { rule: "adagrad", settings: { lr: 0.1 } },
  { rule: "rmsprop", settings: { lr: 0.001, beta: 0.9 } },
] as const;

for (const { rule, settings } of RUNS) {
  test(`§7: the cell's ${rule} through the cell's fit equals the library's at every one of 2000 epochs`, () => {
    const mine = taught.fit(data, taught[rule](settings), 2000) as rms.train.Run;
    const lib = rms.train.fit(data, rms.optim.createOptimizer(rule, settings), { epochs: 2000, seed: SEED });
    assert.is(firstDifference(mine.losses, lib.losses), -1);
    assert.is(firstDifference(mine.accuracies, lib.accuracies), -1);
    for (const name of rms.nn.PARAM_NAMES) assert.is(firstDifference(mine.params[name], lib.params[name]), -1, name);
    assert.is(mine.config.lr, settings.lr);
    assert.is(mine.optimizer, rule);
  });
}

test("§7 prints the original's three final losses from the cells", () => {
  const finals = RUNS.map(({ rule, settings }) => (taught.fit(data, taught[rule](settings), 2000) as rms.train.Run).losses[1999]!.toFixed(4));
  assert.equal(finals, ["0.6907", "0.6147", "0.6372"]);
});

test("a learner's edit of the RMSProp cell (ε outside the root) changes §7's final loss", () => {
  const edited = cells((s) => s.replace("theta - lr / Math.sqrt(s.meanSquare + eps) * g", "theta - lr / (Math.sqrt(s.meanSquare) + eps) * g"));
  const mine = edited.fit(data, edited.rmsprop({ lr: 0.001, beta: 0.9 }), 2000) as rms.train.Run;
  const lib = rms.train.fit(data, rms.optim.createOptimizer("rmsprop", { lr: 0.001, beta: 0.9 }), { epochs: 2000 });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0, "the edit made no difference");
  assert.is.not(mine.losses[1999]!.toFixed(4), "0.6372");
});

test("an edit of the loop (recording after the update) is seen too", () => {
  const edited = cells((s) => s.replace("const grads = net.backward(); // 3. backward propagation", "const grads = net.backward(); grads.W1.fill(0);"));
  const mine = edited.fit(data, edited.rmsprop(), 50) as rms.train.Run;
  const lib = rms.train.fit(data, rms.optim.createOptimizer("rmsprop"), { epochs: 50 });
  assert.ok(firstDifference(mine.losses, lib.losses) > 0);
});

test("the cell's network functions give the fast network's loss and gradients on the seed data, to the last bit", () => {
  const net = rms.train.network(data, { seed: SEED });
  const W = rms.nn.asMatrices(net.params, net.shape);
  const { A2, cache } = taught.forwardPropagation(W, data.X);
  const grads = taught.backwardPropagation(W, data.X, data.Y, cache);
  const fastA2 = net.forward();
  assert.ok(Object.is(taught.computeLoss(data.Y, A2), net.loss(fastA2)));
  const fast = net.backward();
  for (const name of rms.nn.PARAM_NAMES) assert.is(rms.matrix.largestDifference(grads[name].data, fast[name]), 0, name);
});

test("the cell's rules refuse bad settings with the library's ValidationError, naming the setting", () => {
  assert.throws(() => taught.rmsprop({ beta: 1.5 }), (e: unknown) => e instanceof rms.ValidationError && /invalid beta: 1\.5/.test(e.message));
  assert.throws(() => taught.adagrad({ lr: -1 }), (e: unknown) => e instanceof rms.ValidationError && /invalid lr: -1/.test(e.message));
  assert.throws(() => taught.sgd({ lr: Number.NaN }), (e: unknown) => e instanceof rms.ValidationError && /invalid lr: NaN/.test(e.message));
});

test("a learner's own rule (AdaDelta-like, with a setting the library does not know) trains and tabulates", () => {
  const mine = (rho: number) => rms.optim.elementwise({
    name: "adadelta", config: { lr: 1, rho, eps: 1e-6 }, slots: { sq: 0, dx: 0 },
    step(g, theta, s) {
      s.sq = rho * s.sq + (1 - rho) * g * g;
      const dx = (Math.sqrt(s.dx + 1e-6) / Math.sqrt(s.sq + 1e-6)) * g;
      s.dx = rho * s.dx + (1 - rho) * dx * dx;
      return theta - dx;
    },
  });
  const run = taught.fit(data, mine(0.9), 100) as rms.train.Run;
  assert.is(run.losses.length, 100);
  assert.ok(run.losses[99]! < run.losses[0]!);
  assert.throws(() => mine(1), (e: unknown) => e instanceof rms.ValidationError && /invalid rho: 1 /.test(e.message));
  const curves = rms.plots.curvesOf([run, taught.fit(data, taught.rmsprop(), 100) as rms.train.Run]);
  assert.equal(curves.map((c) => [c.label, c.color]), [["adadelta", rms.plots.MORE_COLORS[0]], ["RMSProp", rms.plots.colorOf("rmsprop")]]);
  assert.match(rms.plots.lossCurvesChart(curves, { title: "mine" }), /adadelta/);
  const frame = rms.show.runsFrame([run]);
  assert.is((frame.values[0] as readonly unknown[])[0], "adadelta");
  // without a rate(s, t), only the charts of effective rates refuse it, and they say why
  assert.throws(() => run.state && mine(0.9).rates(mine(0.9).init(run.params), new Float64Array(41)),
    (e: unknown) => e instanceof rms.ValidationError && /rate\(s, t\) function in rule adadelta/.test(e.message));
});

test.run();
