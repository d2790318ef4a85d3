/**
 * The playground's settings (src/playground/settings.ts), checked in Node: the spec a notebook asks for, the
 * library's errors for bad options (what a notebook cell shows), and the valley's path as the notebooks compute it.
 * The page itself is tested in Chromium (notebooks.test.ts, jupyterlab.test.ts).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ValidationError } from "../src/errors";
import { playgroundHtml } from "../src/notebook/playground";
import { createOptimizer } from "../src/optim/index";
import { checkSettings, ORIGINAL, playgroundSpec, runConfigOf, settingOf, valleyPath, type PlaygroundOptions } from "../src/playground/settings";
import { minimize, objective } from "../src/train/minimize";

test("by default: every optimizer, from the original's RMSProp run and d2l's valley", () => {
  const spec = playgroundSpec();
  assert.equal(spec.optimizers, ["sgd", "momentum", "adagrad", "rmsprop", "adam"]);
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

test("bad options are the library's ValidationError, naming the option and the value", () => {
  const cases: [PlaygroundOptions, string][] = [
    [{ optimizers: [] }, "invalid optimizers: [] (expected at least one optimizer)"],
    [{ optimizers: ["adamw"] }, 'invalid optimizers: "adamw" (expected names among sgd, momentum, adagrad, rmsprop, adam)'],
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
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "adamw" as "adam" }), /invalid optimizer: "adamw"/);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "adam", beta: 1 }), /invalid beta: 1 \(expected a number in \[0, 1\)\)/);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "sgd", beta: 1.5 }), /invalid beta: 1\.5/);
  assert.throws(() => checkSettings({ ...ORIGINAL, optimizer: "sgd", eps: 0 }), /invalid eps: 0/);
  // the control that shows an error: Adam's rule calls the β it is given beta1
  assert.equal(["lr", "beta", "beta1", "eps", "valleySteps", "x0", "beta2"].map(settingOf), ["lr", "beta", "beta", "eps", "valleySteps", undefined, undefined]);
});

test("the valley's path is the notebooks' minimize, with the valley's α and the spiral's β and ε", () => {
  const d2l = objective("d2l");
  const cases = [
    [{ ...ORIGINAL, eps: 1e-6 }, createOptimizer("rmsprop", { lr: 0.4, beta: 0.9, eps: 1e-6 })],
    [{ ...ORIGINAL, optimizer: "momentum", beta: 0.5, valleySteps: 30 }, createOptimizer("momentum", { lr: 0.4, beta: 0.5 })],
    [{ ...ORIGINAL, optimizer: "adagrad", valleyLr: 2 }, createOptimizer("adagrad", { lr: 2, eps: 1e-8 })],
  ] as const;
  for (const [settings, optimizer] of cases) {
    assert.equal(valleyPath(settings), minimize(d2l, [-5, -2], optimizer, settings.valleySteps));
  }
  const flown = valleyPath({ ...ORIGINAL, optimizer: "sgd", valleyLr: 10, valleySteps: 200 });
  assert.equal([flown.trajectory.length, flown.diverged?.message], [97, "SGD diverged at step 97 on d2l: f = Infinity; try a smaller lr"]);
});

test.run();
