import { test } from "uvu";
import * as assert from "uvu/assert";
import * as rms from "../src/index";
import { fitLast } from "../src/train/fit";

const data = rms.data.generateSpiralData();

test("seedSpread: mean, sample standard deviation and range", () => {
  assert.equal(rms.train.seedSpread([1, 2, 3, 4]), { n: 4, mean: 2.5, sd: Math.sqrt(5 / 3), min: 1, max: 4 });
  assert.equal(rms.train.seedSpread([7]), { n: 1, mean: 7, sd: 0, min: 7, max: 7 });
  assert.throws(() => rms.train.seedSpread([]), /invalid values/);
});

test("overSeeds: each run is the run train gives with that seed; the spread is over their final losses", () => {
  const config = { optimizer: "rmsprop", lr: 0.01, epochs: 200 } as const;
  const r = rms.train.overSeeds(config, { seeds: [42, 43, 44], data });
  assert.is(r.runs.length, 3);
  [42, 43, 44].forEach((seed, i) => {
    const one = rms.train.run({ ...config, seed }, { data });
    assert.ok(Object.is(r.finalLosses[i], one.losses[199]), `seed ${seed}`);
    assert.ok(Object.is(r.finalAccuracies[i], one.accuracies[199]), `seed ${seed}`);
    // trained with their final numbers only, the runs come back with their curves when read
    assert.equal(r.runs[i]!.losses, one.losses, `seed ${seed}: the curve`);
  });
  assert.ok(r.runs === r.runs, "trained again once");
  const kept = rms.train.overSeeds(config, { seeds: [42, 43, 44], data, curves: true });
  assert.equal(kept.runs.map((run) => run.losses), r.runs.map((run) => run.losses));
  assert.equal(kept.finalLosses, r.finalLosses);
  assert.equal(r.loss, rms.train.seedSpread(r.finalLosses));
  assert.is(r.diverged, 0);
  assert.ok(r.loss.sd > 0, "three seeds gave the same final loss");
});

test("overSeeds over data seeds: one spiral per data seed, the weight seeds on each", () => {
  const r = rms.train.overSeeds({ optimizer: "sgd", lr: 0.1, epochs: 50 }, { seeds: [42, 43], dataSeeds: [42, 7] });
  assert.is(r.runs.length, 4);
  assert.ok(r.runs[0]!.data === r.runs[1]!.data && r.runs[2]!.data === r.runs[3]!.data && r.runs[0]!.data !== r.runs[2]!.data);
  const other = rms.data.generateSpiralData({ seed: 7 });
  assert.ok(Object.is(r.finalLosses[3], rms.train.run({ optimizer: "sgd", lr: 0.1, epochs: 50, seed: 43 }, { data: other }).losses[49]));
});

test("overSeeds: diverged runs are counted and left out of the spread; bad seeds are refused", () => {
  const r = rms.train.overSeeds({ optimizer: "sgd", lr: 1e300, epochs: 5 }, { seeds: [42, 43], data });
  assert.is(r.diverged, 2);
  assert.ok(Number.isNaN(r.loss.mean));
  assert.throws(() => rms.train.overSeeds({ optimizer: "sgd" }, { seeds: [] }), /invalid seeds: \[\]/);
  assert.throws(() => rms.train.overSeeds({ optimizer: "sgd" }, { seeds: [42, 1.5] }), /invalid seeds\[1\]: 1\.5/);
  assert.throws(() => rms.train.overSeeds({ optimizer: "sgd" }, { data, dataSeeds: [1] }), /invalid dataSeeds/);
});

test("curveBand: per epoch the median, smallest and largest across the runs; diverged runs up to their end", () => {
  const r = rms.train.overSeeds({ optimizer: "rmsprop", lr: 0.01, epochs: 30 }, { seeds: [42, 43, 44, 45], data, curves: true });
  const band = rms.train.curveBand(r, "accuracies");
  assert.is(band.median.length, 30);
  for (const e of [0, 7, 29]) {
    const at = r.runs.map((run) => run.accuracies[e]!).sort((a, b) => a - b);
    assert.ok(Object.is(band.median[e], (at[1]! + at[2]!) / 2), `epoch ${e + 1}: median of an even count`);
    assert.ok(Object.is(band.lo[e], at[0]) && Object.is(band.hi[e], at[3]), `epoch ${e + 1}: range`);
  }
  const three = rms.train.curveBand(rms.train.overSeeds({ optimizer: "sgd", lr: 0.1, epochs: 10 }, { seeds: [42, 43, 44], data }), "losses");
  assert.ok(three.lo[9]! < three.median[9]! && three.median[9]! < three.hi[9]!, "the middle one of three");
  // a run that diverges stops early: its epochs count while it lasts
  const mixed = { ...r, runs: [r.runs[0]!, { ...r.runs[1]!, losses: r.runs[1]!.losses.slice(0, 10) }] } as rms.train.SeedRuns;
  const cut = rms.train.curveBand(mixed, "losses");
  assert.is(cut.median.length, 30);
  assert.ok(Object.is(cut.median[20], r.runs[0]!.losses[20]), "after the short run's end, the one left");
  assert.ok(Object.is(cut.median[5], (r.runs[0]!.losses[5]! + r.runs[1]!.losses[5]!) / 2));
});

test("overSeedsAll: several settings at once, each as overSeeds gives it alone; progress over all runs", () => {
  const configs = [{ optimizer: "adagrad", lr: 0.1, epochs: 60 }, { optimizer: "adam", lr: 0.01, epochs: 40 }] as const;
  const progress: string[] = [];
  const all = rms.train.overSeedsAll(configs, { seeds: [42, 45], dataSeeds: [42, 7], onRun: (d, t) => progress.push(`${d}/${t}`) });
  assert.equal(progress, ["1/8", "2/8", "3/8", "4/8", "5/8", "6/8", "7/8", "8/8"]);
  configs.forEach((c, i) => {
    const alone = rms.train.overSeeds(c, { seeds: [42, 45], dataSeeds: [42, 7] });
    assert.equal([...all[i]!.finalLosses], [...alone.finalLosses], `setting ${i}`);
    assert.equal(all[i]!.dataSeeds, [42, 7]);
    assert.is(all[i]!.config, c);
  });
  assert.ok(all[0]!.runs[0]!.data === all[1]!.runs[0]!.data, "one spiral per data seed, shared by the settings");
  assert.throws(() => rms.train.overSeedsAll([]), /invalid configs: \[\]/);
});

test("fitLast: the run fit gives, bit for bit, with only its last epoch kept; it diverges where fit does", () => {
  const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
  const cases = [
    { optimizer: "rmsprop", lr: 0.01, beta: 0.9, epochs: 300 }, { optimizer: "adagrad", lr: 1, epochs: 120 },
    { optimizer: "adam", lr: 0.01, epochs: 150 }, { optimizer: "sgd", lr: 1e300, epochs: 20 }, // diverges
    { optimizer: "sgd", lr: 1e154, epochs: 20 }, // diverges later: the loss stays finite for a few epochs
  ] as const;
  for (const c of cases) {
    const { optimizer: name, epochs, ...options } = c;
    const full = rms.train.fit(data, rms.optim.createOptimizer(name, options), { epochs, seed: 43 });
    const last = fitLast(data, rms.optim.createOptimizer(name, options), { epochs, seed: 43 });
    const what = JSON.stringify(c);
    assert.equal(last.diverged, full.diverged, what);
    for (const p of ["W1", "b1", "W2", "b2"] as const) assert.is(bits(last.params[p]), bits(full.params[p]), `${what} ${p}`);
    assert.equal(last.runConfig, full.runConfig, what);
    if (full.diverged) {
      assert.is(last.losses.length, 0, what);
    } else {
      assert.is(bits(last.losses), bits(full.losses.slice(-1)), what);
      assert.is(bits(last.accuracies), bits(full.accuracies.slice(-1)), what);
    }
  }
  const diverging = rms.train.fit(data, rms.optim.createOptimizer("sgd", { lr: 1e154 }), { epochs: 20, seed: 43 });
  assert.ok(diverging.diverged && diverging.diverged.epoch > 1, `diverges after its first epoch: ${diverging.diverged?.epoch}`);
});

test("compareOverSeeds: a ranking only where the difference of means exceeds the larger spread", () => {
  const fake = (values: number[]) => ({ finalLosses: Float64Array.from(values), loss: rms.train.seedSpread(values) }) as unknown as rms.train.SeedRuns;
  const a = fake([0.50, 0.52, 0.51]);
  assert.is(rms.train.compareOverSeeds(a, fake([0.60, 0.61, 0.62])).lower, "a");
  assert.is(rms.train.compareOverSeeds(fake([0.60, 0.61, 0.62]), a).lower, "b");
  const close = rms.train.compareOverSeeds(a, fake([0.505, 0.53, 0.49]));
  assert.is(close.lower, "within noise");
  assert.is(close.aBelowB, 2);
});

test.run();
