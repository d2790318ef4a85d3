import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateSpiralData, type Dataset } from "../src/data/spiral";
import { ValidationError } from "../src/errors";
import type { Matrix } from "../src/matrix";
import { initParams, type MLPParams } from "../src/nn/mlp";
import { asMatrices, backwardPropagation, forwardPropagation } from "../src/nn/reference";
import { adam, momentum, sgd } from "../src/optim/index";
import { RandomState } from "../src/random/random-state";
import { rerun, train } from "../src/train/experiments";
import { fit, network } from "../src/train/fit";
import { ROOT } from "./helpers";

const data = generateSpiralData({ samples: 60 });
const same = (a: ArrayLike<number>, b: ArrayLike<number>) => assert.equal(Array.from(a), Array.from(b));

test("batchSize = m is full batch, bit for bit the run without it, and draws no order", () => {
  for (const opt of [() => sgd({ lr: 0.1 }), () => adam({ lr: 0.01 })]) {
    const a = fit(data, opt(), { epochs: 40 });
    const b = fit(data, opt(), { epochs: 40, batchSize: 60 });
    same(a.losses, b.losses);
    same(a.params.W1, b.params.W1);
    assert.is(b.runConfig.batchSize, undefined);
  }
  const net = network(data, { batchSize: 60 });
  assert.is(net.batches, 1);
  net.shuffle();
  same(net.order, Array.from({ length: 60 }, (_, i) => i));
});

test("the orders are numpy's: RandomState(seed).permutation(m), one per epoch, from a generator of their own", () => {
  for (const seed of [42, 7]) {
    const net = network(data, { seed, batchSize: 16 });
    assert.is(net.batches, 4); // 16 + 16 + 16 + 12
    const rng = new RandomState(seed);
    for (let epoch = 0; epoch < 3; epoch++) {
      net.shuffle();
      same(net.order, rng.permutation(60));
    }
  }
  // with `initial` weights the orders come from seed 42
  const given = network(data, { initial: initParams({ nX: 2, nH: 10, nY: 1 }, 3), batchSize: 16 });
  given.shuffle();
  same(given.order, new RandomState(42).permutation(60));
});

/** The columns `idx` of a matrix. */
function columns(a: Matrix, idx: ArrayLike<number>): Matrix {
  const out = new Float64Array(a.rows * idx.length);
  for (let r = 0; r < a.rows; r++) for (let j = 0; j < idx.length; j++) out[r * idx.length + j] = a.data[r * a.cols + idx[j]!]!;
  return { rows: a.rows, cols: idx.length, data: out };
}

/** One SGD step on the samples `idx`, with the original's matrix code (src/nn/reference). */
function referenceStep(p: MLPParams, d: Dataset, idx: ArrayLike<number>, lr: number): MLPParams {
  const X = columns(d.X, idx);
  const Y = columns(d.Y, idx);
  const w = asMatrices(p, { nX: 2, nH: p.b1.length, nY: 1 });
  const { cache } = forwardPropagation(w, X);
  const g = backwardPropagation(w, X, Y, cache);
  const step = (v: Float64Array, dv: Float64Array) => v.map((x, i) => x - lr * dv[i]!);
  return { W1: step(p.W1, g.W1.data), b1: step(p.b1, g.b1.data), W2: step(p.W2, g.W2.data), b2: step(p.b2, g.b2.data) };
}

test("a 2-batch epoch by hand: 6 samples in batches of 4 and 2, in the drawn order, then the next epoch's order", () => {
  const small = generateSpiralData({ samples: 6, seed: 3 });
  const lr = 0.5;
  const run = fit(small, sgd({ lr }), { epochs: 2, seed: 5, hidden: 4, batchSize: 4 });
  const rng = new RandomState(5);
  let p = initParams({ nX: 2, nH: 4, nY: 1 }, 5);
  for (let epoch = 0; epoch < 2; epoch++) {
    const order = rng.permutation(6);
    p = referenceStep(p, small, order.subarray(0, 4), lr);
    p = referenceStep(p, small, order.subarray(4, 6), lr);
  }
  for (const name of ["W1", "b1", "W2", "b2"] as const) {
    const got = run.params[name];
    p[name].forEach((v, i) => assert.ok(Math.abs(got[i]! - v) <= 1e-15 * Math.max(1, Math.abs(v)), `${name}[${i}]: ${got[i]} vs ${v}`));
  }
  assert.is(run.runConfig.batchSize, 4);
  // the record is the full data's loss before each epoch: at epoch 1 the start's, the same as full batch's
  assert.is(run.losses[0], fit(small, sgd({ lr }), { epochs: 1, seed: 5, hidden: 4 }).losses[0]);
});

test("mini-batches: the JavaScript loops and the SIMD kernels agree; the optimizer takes one step per batch", () => {
  const js = fit(data, momentum({ lr: 0.1, beta: 0.9 }), { epochs: 30, batchSize: 25, simd: false });
  const wasm = fit(data, momentum({ lr: 0.1, beta: 0.9 }), { epochs: 30, batchSize: 25 });
  same(js.losses, wasm.losses);
  same(js.params.W2, wasm.params.W2);
  let steps = 0;
  fit(data, adam({ lr: 0.01 }), { epochs: 5, batchSize: 25, onEpoch: (_e, _p, s) => { steps = s.count; } });
  assert.is(steps, 5 * 3); // 25 + 25 + 10
});

test("train and rerun carry batchSize; bad values are a ValidationError naming it", () => {
  const r = train({ optimizer: "sgd", lr: 0.1, epochs: 20, samples: 60, batchSize: 20 });
  assert.is(r.runConfig.batchSize, 20);
  same(rerun(r).losses, r.losses);
  same(r.losses, fit(r.data, sgd({ lr: 0.1 }), { epochs: 20, batchSize: 20 }).losses);
  for (const bad of [0, 2.5, 61, -1, NaN]) {
    for (const call of [() => fit(data, sgd(), { epochs: 2, batchSize: bad }),
      () => train({ optimizer: "sgd", epochs: 2, samples: 60, batchSize: bad })]) {
      try {
        call();
        assert.unreachable(`batchSize ${bad} accepted`);
      } catch (e) {
        assert.ok(e instanceof ValidationError, String(e));
        assert.is((e as ValidationError).parameter, "batchSize");
      }
    }
  }
  const net = network(data, { batchSize: 16 });
  assert.throws(() => net.batchGradient(4), (e: unknown) => e instanceof ValidationError && /batch/.test(e.message));
});

test("the CLI's --batch-size", () => {
  const { FORCE_COLOR: _f, NO_COLOR: _n, ...env } = process.env;
  const cli = (...args: string[]) => spawnSync(join(ROOT, "node_modules", ".bin", "tsx"),
    [join(ROOT, "src", "cli.ts"), "train", ...args], { encoding: "utf8", cwd: ROOT, env });
  const ok = cli("--optimizer", "sgd", "--lr", "0.1", "--epochs", "5", "--samples", "60", "--batch-size", "20", "--json");
  assert.is(ok.status, 0, ok.stderr);
  const out = JSON.parse(ok.stdout) as { config: Record<string, unknown>; losses: number[] };
  assert.is(out.config.batchSize, 20);
  same(out.losses, train({ optimizer: "sgd", lr: 0.1, epochs: 5, samples: 60, batchSize: 20 }).losses);
  const text = cli("--optimizer", "sgd", "--epochs", "2", "--batch-size", "100");
  assert.is(text.status, 0, text.stderr);
  assert.match(text.stdout.split("\n")[0]!, /^Training sgd \{"lr":0\.01\} for 2 epochs in mini-batches of 100 on the spiral/);
  const bad = cli("--optimizer", "sgd", "--batch-size", "0");
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /batch-size: 0 \(expected an integer in \[1, 300\]\)/);
});

test.run();
