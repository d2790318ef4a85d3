/**
 * The playground's settings (src/playground/settings.ts), checked in Node: the spec a notebook asks for, the
 * library's errors for bad options (what a notebook cell shows), and the valley's path as the notebooks compute it;
 * the loss stuck at the clip of its log (src/playground/saturation.ts), and what the training thread replies.
 * The page itself is tested in Chromium (notebooks.test.ts, jupyterlab.test.ts).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ValidationError } from "../src/errors";
import { playgroundHtml } from "../src/notebook/playground";
import { createOptimizer, OPTIMIZER_NAMES } from "../src/optim/index";
import { checkSettings, ORIGINAL, playgroundSpec, runConfigOf, settingOf, valleyPath, type PlaygroundOptions } from "../src/playground/settings";
import { minimize, objective } from "../src/train/minimize";
import { generateSpiralData } from "../src/data/spiral";
import { bceLoss, forward, Workspace } from "../src/nn/mlp";
import { SPIRAL, type TrainReply } from "../src/playground/protocol";
import { CLIPPED_SAMPLE_LOSS, LOG_GUARD, saturationOf, saturationShort, saturationText } from "../src/playground/saturation";
import { train, type RunConfig } from "../src/train/experiments";

test("by default: every optimizer of the registry, from the original's RMSProp run and d2l's valley", () => {
  const spec = playgroundSpec();
  assert.equal(spec.optimizers, OPTIMIZER_NAMES);
  assert.equal(spec.start, ORIGINAL);
  assert.is(spec.startName, "the original's settings");
  assert.equal(runConfigOf(spec.start), { optimizer: "rmsprop", lr: 0.001, beta: 0.9, eps: 1e-8, hidden: 10, epochs: 2000 });
});

test("one optimizer, from a notebook's settings: the run takes only the options that optimizer has", () => {
  const spec = playgroundSpec({ optimizers: ["adagrad"], start: { lr: 0.1 }, startName: "§6's settings" });
  assert.equal(spec.optimizers, ["adagrad"]);
  assert.equal(runConfigOf(spec.start), { optimizer: "adagrad", lr: 0.1, eps: 1e-8, hidden: 10, epochs: 2000 });
  assert.equal(runConfigOf(playgroundSpec({ optimizers: ["sgd"] }).start), { optimizer: "sgd", lr: 0.001, hidden: 10, epochs: 2000 });
  assert.is(playgroundSpec({ start: { optimizer: "adam" } }).start.optimizer, "adam");
  assert.is(playgroundSpec({ start: { lr: 0.01 } }).startName, "the notebook's settings");
});

test("the β control sets the option the optimizer's registry entry names: Adam's and AdamW's β₁", () => {
  const start = { lr: 0.01, beta: 0.8, eps: 1e-7 };
  assert.equal(runConfigOf(playgroundSpec({ optimizers: ["adam"], start }).start), { optimizer: "adam", lr: 0.01, beta1: 0.8, eps: 1e-7, hidden: 10, epochs: 2000 });
  assert.equal(runConfigOf(playgroundSpec({ optimizers: ["adamw"], start }).start), { optimizer: "adamw", lr: 0.01, beta1: 0.8, eps: 1e-7, hidden: 10, epochs: 2000 });
  assert.equal(runConfigOf(playgroundSpec({ optimizers: ["momentum"], start }).start), { optimizer: "momentum", lr: 0.01, beta: 0.8, hidden: 10, epochs: 2000 });
});

test("bad options are the library's ValidationError, naming the option and the value", () => {
  const cases: [PlaygroundOptions, string][] = [
    [{ optimizers: [] }, "invalid optimizers: [] (expected at least one optimizer)"],
    [{ optimizers: ["lion"] }, `invalid optimizers: "lion" (expected names among ${OPTIMIZER_NAMES.join(", ")})`],
    [{ optimizers: ["sgd"], start: { optimizer: "adam" } }, 'invalid start.optimizer: "adam" (expected one of the playground\'s optimizers, sgd)'],
    [{ start: { lr: -1 } }, "invalid start.lr: -1 (expected a finite number > 0)"],
    [{ start: { beta: 1 } }, "invalid start.beta: 1 (expected a number in [0, 1))"],
    [{ optimizers: ["adam"], start: { beta: 2 } }, "invalid start.beta: 2 (expected a number in [0, 1))"],
    // β and ε are checked even where the optimizer does not use them: a switch to one that does would meet them
    [{ start: { optimizer: "sgd", beta: 1.5 } }, "invalid start.beta: 1.5 (expected a number in [0, 1))"],
    [{ optimizers: ["momentum"], start: { eps: -1 } }, "invalid start.eps: -1 (expected a finite number > 0)"],
    [{ start: { hidden: 1000 } }, "invalid start.hidden: 1000 (expected an integer in [1, 128])"],
    [{ start: { epochs: 2.5 } }, "invalid start.epochs: 2.5 (expected an integer in [1, 10000])"],
    [{ start: { valleyLr: 0 } }, "invalid start.valleyLr: 0 (expected a finite number > 0)"],
    [{ start: { valleySteps: 201 } }, "invalid start.valleySteps: 201 (expected an integer in [1, 200])"],
    [{ start: { eps: Number.NaN } }, "invalid start.eps: NaN (expected a finite number)"],
    [{ startName: " " }, 'invalid startName: " " (expected a non-empty text)'],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => playgroundSpec(options), (e: unknown) => e instanceof ValidationError && e.message === message, message);
  }
  // and so in a notebook cell: showPlayground builds this HTML first
  assert.throws(() => playgroundHtml({ start: { lr: -1 } }), (e: unknown) => e instanceof ValidationError && e.parameter === "start.lr");
});

test("a setting a page changes is checked as the start is, with the library's own checks, and named for its control", () => {
  const fine = { ...ORIGINAL, valleySteps: 200 };
  assert.is(checkSettings(fine), fine);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "lion" as "adam" }), /invalid optimizer: "lion"/);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "adamw", beta: 1 }), /invalid beta: 1 \(expected a number in \[0, 1\)\)/);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "adam", beta: 1 }), /invalid beta: 1 \(expected a number in \[0, 1\)\)/);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "sgd", beta: 1.5 }), /invalid beta: 1\.5/);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "sgd", eps: 0 }), /invalid eps: 0/);
  // the control that shows an error: the one of its name (the β control is checked before any rule sees it)
  assert.equal(["lr", "beta", "beta1", "eps", "valleySteps", "x0", "beta2"].map(settingOf), ["lr", "beta", undefined, "eps", "valleySteps", undefined, undefined]);
});

test("the valley's path is the notebooks' minimize, with the valley's α and the spiral's β and ε", () => {
  const d2l = objective("d2l");
  const cases = [
    [{ ...ORIGINAL, eps: 1e-6 }, createOptimizer("rmsprop", { lr: 0.4, beta: 0.9, eps: 1e-6 })],
    [{ ...ORIGINAL, optimizer: "momentum", beta: 0.5, valleySteps: 30 }, createOptimizer("momentum", { lr: 0.4, beta: 0.5 })],
    [{ ...ORIGINAL, optimizer: "adagrad", valleyLr: 2 }, createOptimizer("adagrad", { lr: 2, eps: 1e-8 })],
    [{ ...ORIGINAL, optimizer: "adamw", beta: 0.5 }, createOptimizer("adamw", { lr: 0.4, beta1: 0.5, eps: 1e-8 })],
  ] as const;
  for (const [settings, optimizer] of cases) {
    assert.equal(valleyPath(settings), minimize(d2l, [-5, -2], optimizer, settings.valleySteps));
  }
  const flown = valleyPath({ ...ORIGINAL, optimizer: "sgd", valleyLr: 10, valleySteps: 200 });
  assert.equal([flown.trajectory.length, flown.diverged?.message], [97, "SGD diverged at step 97 on d2l: f = Infinity; try a smaller lr"]);
});

/** Labels and outputs as 1-row matrices. */
const row = (...v: number[]) => ({ rows: 1, cols: v.length, data: Float64Array.from(v) });

test("the clip of the loss's log: read from the library's own loss formula, one sample certain and wrong", () => {
  // the formula by hand: −log(0 + 1e-8); the module reads it from bceLoss, the guard back from it
  assert.is(CLIPPED_SAMPLE_LOSS, -Math.log(1e-8));
  assert.ok(Math.abs(LOG_GUARD - 1e-8) < 1e-20, String(LOG_GUARD));
  // a label 0 predicted 1 costs the same
  assert.is(bceLoss(row(0), Float64Array.of(1)), CLIPPED_SAMPLE_LOSS);
});

test("saturation: counted where a sample's loss is exactly the clip, at the clip when the loss is all theirs", () => {
  // two of four samples certain and wrong, two certain and right: the loss is 2/4 of the clip (less 1e-8)
  const Y = row(1, 0, 1, 0);
  const A2 = Float64Array.of(0, 1, 1, 0);
  const L = bceLoss(Y, A2);
  const at = saturationOf(Y, A2, [0.69, 4, L, L]);
  assert.ok(at);
  assert.equal([at!.clipped, at!.samples, at!.atClip, at!.since, at!.epochs], [2, 4, true, 3, 4]);
  assert.is(at!.clippedLoss, (2 / 4) * CLIPPED_SAMPLE_LOSS);
  assert.ok(Math.abs(at!.loss - at!.clippedLoss) < 1e-7);
  // an output of 1e-25 rounds to the clip (1e-25 + 1e-8 is 1e-8 in doubles), one of 1e-20 does not
  assert.is(saturationOf(row(1, 0), Float64Array.of(1e-25, 0), [9.2])!.clipped, 1);
  assert.is(saturationOf(row(1, 0), Float64Array.of(1e-20, 0), [9.2]), undefined);
  // one sample at the clip, the others unsure: not "at the clip", and said as a share of the loss
  const unsure = Float64Array.of(0, 0.5, 0.5, 0.5);
  const some = saturationOf(Y, unsure, [5]);
  assert.equal([some!.clipped, some!.atClip, some!.since, some!.loss], [1, false, undefined, bceLoss(Y, unsure)]);
  assert.ok(saturationText(some!).startsWith("1 of 4 samples are at the clip of log(1e-8) (predicted wrongly with certainty"));
  assert.ok(saturationText(some!).endsWith(`: 1/4 × 18.42 = ${(CLIPPED_SAMPLE_LOSS / 4).toFixed(4)} of the loss ${bceLoss(Y, unsure).toFixed(4)}.`));
  assert.is(saturationShort(some!), "1 of 4 samples at the clip of log(1e-8)");
  // at the clip only at the last epoch: "at", not "stuck"
  const landed = saturationOf(row(1, 0), Float64Array.of(0, 0), [0.7, 3]);
  assert.match(saturationText(landed!), /^the loss is at the clip of log\(1e-8\): the output saturated\. 1 of 2 samples/);
  assert.is(saturationOf(row(1, 0), Float64Array.of(0.9, 0.1), [0.1]), undefined);
});

test("SGD at α 1000 on the spiral: the loss is stuck at the clip, ln(10⁸)/2, and the playground says so", () => {
  const data = generateSpiralData(SPIRAL);
  const outputOf = (config: RunConfig) => {
    const run = train(config, { data });
    return { run, A2: forward(run.params, data.X, new Workspace(run.shape, data.X.cols)) };
  };
  const { run, A2 } = outputOf({ optimizer: "sgd", lr: 1000, hidden: 10, epochs: 2000 });
  const s = saturationOf(data.Y, A2, run.losses)!;
  assert.ok(s, "no saturation found");
  // every sample of one class is called the other with certainty: half of them, as the spiral is balanced
  let ones = 0;
  for (const y of data.Y.data) ones += y;
  assert.equal([s.clipped, s.samples, s.atClip], [Math.min(ones, 300 - ones), 300, true]);
  assert.ok(Math.abs(s.loss - Math.log(1e8) / 2) < 1e-7, `${s.loss} is not ln(10⁸)/2`);
  // stuck: the recorded loss is this value from epoch `since` on, and was not the epoch before
  const final = run.losses[run.losses.length - 1]!;
  assert.ok(s.since! > 1 && s.since! < 2000, String(s.since));
  assert.ok(Array.from(run.losses.subarray(s.since! - 1)).every((v) => Math.abs(v - final) < 1e-9 * final));
  assert.ok(Math.abs(run.losses[s.since! - 2]! - final) > 1e-9 * final);
  assert.is(saturationText(s), `the loss is stuck at the clip of log(1e-8): the output saturated (since epoch ${s.since}). ` +
    `${s.clipped} of 300 samples are predicted wrongly with certainty; each costs −log(1e-8) = 18.42, and ` +
    `${s.clipped}/300 × 18.42 = ${(s.clipped / 300 * Math.log(1e8)).toFixed(4)}.`);
  // the original's run and SGD at α 100 (a loss of 8.6, near the clip but moving) are not at it
  for (const config of [runConfigOf(ORIGINAL), { optimizer: "sgd", lr: 100, hidden: 10, epochs: 2000 }] as RunConfig[]) {
    const o = outputOf(config);
    assert.is(saturationOf(data.Y, o.A2, o.run.losses), undefined, JSON.stringify(config));
  }
});

test("the training thread replies with the run, and with the saturation when the loss sits at the clip", async () => {
  const replies: TrainReply[] = [];
  const scope = { onmessage: null as null | ((e: { data: unknown }) => void), postMessage: (m: TrainReply) => replies.push(m) };
  (globalThis as { self?: unknown }).self = scope;
  try {
    await import("../src/playground/worker");
    const ask = (id: number, config: RunConfig) => scope.onmessage!({ data: { id, config } });
    ask(1, { optimizer: "sgd", lr: 1000, hidden: 10, epochs: 300 });
    ask(2, runConfigOf({ ...ORIGINAL, epochs: 300 }));
    const done = replies.filter((r): r is Extract<TrainReply, { kind: "done" }> => r.kind === "done");
    assert.equal(done.map((r) => [r.id, r.losses.length, r.saturation?.clipped, r.saturation?.atClip]), [[1, 300, 150, true], [2, 300, undefined, undefined]]);
    assert.ok(done.every((r) => r.grid), "a finished run without its boundary");
    assert.equal(replies.filter((r) => r.kind === "progress").map((r) => r.id), [1, 1, 1, 2, 2, 2]);
  } finally {
    delete (globalThis as { self?: unknown }).self;
  }
});

test.run();
