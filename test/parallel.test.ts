/**
 * Training runs on worker threads (src/train/parallel.ts), through the compiled library as a notebook imports it:
 * the same bits as training one after the other here, progress in order, bad settings refused before any thread.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rms = require("rmsprop-notebooks") as typeof import("../src/index");
/** The pool's test hooks are not public: they come from the compiled module itself. */
const pool = require(join(dirname(require.resolve("rmsprop-notebooks")), "train", "parallel.js")) as
  typeof import("../src/train/parallel");

const data = rms.data.generateSpiralData({ samples: 200, noise: 0.1, seed: 3 });
const configs = [
  { optimizer: "sgd", lr: 0.01, epochs: 400 }, { optimizer: "momentum", lr: 0.01, beta: 0.9, epochs: 400 },
  { optimizer: "adagrad", lr: 0.1, epochs: 400 }, { optimizer: "rmsprop", lr: 0.001, beta: 0.9, epochs: 400 },
  { optimizer: "adam", lr: 0.01, epochs: 400 }, { optimizer: "sgd", lr: 1e300, epochs: 400 }, // the last one diverges
];
const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
delete process.env.RMSPROP_WORKERS; // the tests below set it themselves

test("runs on worker threads are bit for bit the runs trained here, in the order given", () => {
  // enough runs that a worker, started while this thread trains, takes some of them
  const many = [...configs, ...Array.from({ length: 10 }, (_c, i) => ({ optimizer: "rmsprop", lr: 0.01, epochs: 1500, seed: i }))];
  const before = pool.parallelUsage();
  const progress: number[] = [];
  const parallel = pool.trainAll(many, data, (done, total) => progress.push(done * 100 + total));
  const used = pool.parallelUsage();
  assert.is(used.onWorkers - before.onWorkers + used.here - before.here, many.length, "each run trained once");
  if (availableParallelism() > 1) assert.ok(used.onWorkers > before.onWorkers, "some on a worker thread");
  assert.ok(used.here > before.here, "some on the calling thread");
  assert.equal(progress, many.map((_c, i) => (i + 1) * 100 + many.length));
  many.forEach((c, i) => {
    const here = rms.train.run(c, { data: data });
    const there = parallel[i]!;
    assert.is(there.optimizer, here.optimizer);
    assert.equal(there.runConfig, here.runConfig);
    assert.is(bits(there.losses), bits(here.losses), `losses of run ${i}`);
    assert.is(bits(there.accuracies), bits(here.accuracies), `accuracies of run ${i}`);
    for (const k of Object.keys(here.params) as (keyof typeof here.params)[]) {
      assert.is(bits(there.params[k]), bits(here.params[k]), `${String(k)} of run ${i}`);
    }
    assert.equal(there.diverged, here.diverged);
    assert.is(there.data, data, "the caller's dataset, not a copy");
  });
  assert.ok(parallel[5]!.diverged, "the SGD run at α 1e300 diverges");
});

test("seed runs keeping their last epoch only: on worker threads too, the final numbers of the full runs", () => {
  const many = [...configs, ...Array.from({ length: 10 }, (_c, i) => ({ optimizer: "adam", lr: 0.01, epochs: 1500, seed: i }))];
  const before = pool.parallelUsage();
  const last = pool.trainRuns(many, data, undefined, false);
  const used = pool.parallelUsage();
  if (availableParallelism() > 1) assert.ok(used.onWorkers > before.onWorkers, "some on a worker thread");
  many.forEach((c, i) => {
    const full = rms.train.run(c, { data: data });
    const there = last[i]!;
    assert.equal(there.diverged, full.diverged, `run ${i}`);
    assert.is(bits(there.losses), bits(full.diverged ? new Float64Array(0) : full.losses.slice(-1)), `loss of run ${i}`);
    assert.is(bits(there.accuracies), bits(full.diverged ? new Float64Array(0) : full.accuracies.slice(-1)), `run ${i}`);
    for (const k of Object.keys(full.params) as (keyof typeof full.params)[]) {
      assert.is(bits(there.params[k]), bits(full.params[k]), `${String(k)} of run ${i}`);
    }
  });
});

test("bad settings throw the library's ValidationError before any thread starts", () => {
  const before = pool.parallelUsage();
  assert.throws(() => pool.trainAll([{ optimizer: "rmsprop", epochs: 10 }, { optimizer: "rmsprop", lr: -1 }], data),
    (e: unknown) => e instanceof rms.ValidationError && e.message === "invalid lr: -1 (expected a finite number > 0)");
  assert.equal(pool.parallelUsage(), before, "nothing trained");
});

test("RMSPROP_WORKERS=1 trains here; a value that is not a count is refused by name", () => {
  const saved = process.env.RMSPROP_WORKERS;
  try {
    process.env.RMSPROP_WORKERS = "1";
    const before = pool.parallelUsage();
    pool.trainAll(configs.slice(0, 2), data);
    assert.equal(pool.parallelUsage(), { onWorkers: before.onWorkers, here: before.here + 2 });
    process.env.RMSPROP_WORKERS = "two";
    assert.throws(() => pool.workerCount(4), (e: unknown) => e instanceof rms.ValidationError &&
      e.message === 'invalid RMSPROP_WORKERS: "two" (expected an integer >= 1)');
  } finally {
    if (saved === undefined) delete process.env.RMSPROP_WORKERS;
    else process.env.RMSPROP_WORKERS = saved;
  }
});

test("how many threads: one per core, at most one per run, RMSPROP_WORKERS first", () => {
  const cores = availableParallelism();
  assert.is(pool.workerCount(100, undefined), cores);
  assert.is(pool.workerCount(1, undefined), 1, "at most one per run");
  assert.is(pool.workerCount(100, ""), cores);
  assert.is(pool.workerCount(100, "3"), 3);
  assert.is(pool.workerCount(2, "3"), 2);
});

test("the grids of §10.2 and §10.3 give the same results on threads as one after the other", () => {
  const saved = process.env.RMSPROP_WORKERS;
  try {
    const before = pool.parallelUsage();
    const threaded = rms.train.tuneLearningRate(data, { optimizer: "rmsprop", epochs: 300 }, [0.001, 0.01, 0.1]);
    const grid = rms.train.betaLrGrid(data, [0.9, 0.99], [0.001, 0.01], { epochs: 300 });
    const after = pool.parallelUsage();
    assert.is(after.onWorkers - before.onWorkers + after.here - before.here, 7, "each run trained once");
    process.env.RMSPROP_WORKERS = "1";
    const serial = rms.train.tuneLearningRate(data, { optimizer: "rmsprop", epochs: 300 }, [0.001, 0.01, 0.1]);
    assert.equal(threaded.tried, serial.tried);
    assert.is(bits(threaded.best.losses), bits(serial.best.losses));
    assert.equal(grid, rms.train.betaLrGrid(data, [0.9, 0.99], [0.001, 0.01], { epochs: 300 }));
  } finally {
    if (saved === undefined) delete process.env.RMSPROP_WORKERS;
    else process.env.RMSPROP_WORKERS = saved;
  }
});

test.run();
