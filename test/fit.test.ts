import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateSpiralData } from "../src/data/spiral";
import { ValidationError } from "../src/errors";
import { initParams } from "../src/nn/mlp";
import { rmsprop, sgd } from "../src/optim/index";
import { fit, type Progress } from "../src/train/fit";
import { completionLines } from "../src/train/report";

const data = generateSpiralData({ samples: 60 });

test("a diverging run stops, says at which epoch and why, and keeps only the finite history", () => {
  const r = fit(data, sgd({ lr: 1e300 }), { epochs: 50 });
  assert.ok(r.diverged, "no divergence reported");
  assert.is(r.diverged!.epoch, 2);
  assert.match(r.diverged!.message, /SGD diverged at epoch 2: the loss is NaN .*try a smaller lr/);
  assert.is(r.losses.length, 1);
  assert.ok(r.losses.every(Number.isFinite));
  assert.match(completionLines(r).join("\n"), /❌ SGD diverged at epoch 2/);
});

test("progress is reported every k epochs and at the last one", () => {
  const seen: Progress[] = [];
  const r = fit(data, rmsprop(), { epochs: 25, progressEvery: 10, onProgress: (p) => seen.push(p) });
  assert.equal(seen.map((p) => p.epoch), [10, 20, 25]);
  assert.is(seen[2]!.loss, r.losses[24]);
  assert.is(seen[2]!.accuracy, r.accuracies[24]);
});

test("same seed, same run; a different seed, a different start", () => {
  const a = fit(data, rmsprop({ lr: 0.01 }), { epochs: 50, seed: 7 });
  const b = fit(data, rmsprop({ lr: 0.01 }), { epochs: 50, seed: 7 });
  const c = fit(data, rmsprop({ lr: 0.01 }), { epochs: 50, seed: 8 });
  assert.equal(Array.from(a.losses), Array.from(b.losses));
  assert.equal(Array.from(a.params.W1), Array.from(b.params.W1));
  assert.is.not(a.losses[0], c.losses[0]);
});

test("fit copies its starting parameters and never changes the caller's", () => {
  const start = initParams({ nX: 2, nH: 6, nY: 1 }, 3);
  const before = Array.from(start.W1);
  const r = fit(data, sgd({ lr: 0.5 }), { epochs: 5, initial: start });
  assert.equal(Array.from(start.W1), before);
  assert.is.not(r.params.W1, start.W1);
  assert.throws(() => fit(data, sgd(), { epochs: 5, initial: start, hidden: 10 }), (e: unknown) => e instanceof ValidationError && e.parameter === "hidden");
});

test("bad loop settings are named", () => {
  for (const [opts, param] of [[{ epochs: 0 }, "epochs"], [{ epochs: 1.5 }, "epochs"], [{ progressEvery: 0 }, "progressEvery"], [{ hidden: 0 }, "hidden"]] as const) {
    assert.throws(() => fit(data, sgd(), opts), (e: unknown) => e instanceof ValidationError && e.parameter === param, param);
  }
});

test.run();
