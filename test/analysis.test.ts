import { test } from "uvu";
import * as assert from "uvu/assert";
import { ema, simulateAccumulation, simulateSparseDense } from "../src/train/simulation";
import { generateSpiralData } from "../src/data/spiral";
import { ValidationError } from "../src/errors";
import { initParams } from "../src/nn/mlp";
import { gridAround, predictGrid } from "../src/nn/predict";
import { createOptimizer } from "../src/optim/index";
import {
  agreement, betaLrGrid, decayWeights, effectiveLrTrace, headToHead, rankByFinalLoss, summarizeRates, tuneLearningRate, type GridCell, type Tuned,
} from "../src/train/analysis";
import { checkOriginalClaims } from "../src/train/claims";
import { train } from "../src/train/experiments";
import { minimize, objective } from "../src/train/minimize";

const data = generateSpiralData({ samples: 60 });

test("ema: v_t = βv + (1−β)x from 0, and bias correction divides by 1 − βᵗ", () => {
  const v = ema([1, 1, 1], 0.5);
  assert.equal(Array.from(v), [0.5, 0.75, 0.875]);
  assert.equal(Array.from(ema([1, 1, 1], 0.5, true)), [1, 1, 1]);
  assert.throws(() => ema([1], 1), (e: unknown) => e instanceof ValidationError && e.parameter === "beta");
});

test("decayWeights: γᵗ from t = 0", () => {
  assert.equal(Array.from(decayWeights(0.5, 3)), [1, 0.5, 0.25, 0.125]);
});

test("sparse vs dense: the rare feature keeps the larger AdaGrad step", () => {
  const s = simulateSparseDense({ iterations: 300, density: 0.1 });
  const hits = s.sparse.filter((v) => v !== 0).length;
  assert.ok(hits > 10 && hits < 80, `${hits} sparse gradients`);
  assert.ok(s.lrSparse[299]! > s.lrDense[299]!);
  for (let t = 1; t < 300; t++) assert.ok(s.lrDense[t]! <= s.lrDense[t - 1]!, "AdaGrad's rate never rises");
  assert.throws(() => simulateSparseDense({ density: 0 }), (e: unknown) => e instanceof ValidationError && e.parameter === "density");
});

test("effective learning rates, from each rule's own arithmetic: α/√(G+ε), α/(√E+ε), α, α/(1 − β) for heavy ball", () => {
  const params = { w: Float64Array.of(1, 2) };
  const g = { w: Float64Array.of(0.5, -2) };
  const out = new Float64Array(2);
  const ada = createOptimizer("adagrad", { lr: 0.1 });
  const sa = ada.update(g, ada.init(params), params).state;
  ada.rates(sa, out);
  assert.equal(Array.from(out), [0.1 / Math.sqrt(0.25 + 1e-8), 0.1 / Math.sqrt(4 + 1e-8)]);
  const rp = createOptimizer("rmsprop", { lr: 0.01, beta: 0.9, preset: "pytorch" });
  const sr = rp.update(g, rp.init(params), params).state;
  rp.rates(sr, out);
  // β = 0.9 given explicitly overrides the preset's 0.99; PyTorch puts ε outside the root
  assert.equal(Array.from(out), [0.01 / (Math.sqrt((1 - 0.9) * 0.25) + 1e-8), 0.01 / (Math.sqrt((1 - 0.9) * 4) + 1e-8)]);
  const sgd = createOptimizer("sgd", { lr: 0.3 });
  assert.equal(Array.from(sgd.rates(sgd.init(params), out)), [0.3, 0.3]);
  const ball = createOptimizer("momentum", { lr: 0.1, beta: 0.75, ema: false });
  assert.equal(Array.from(ball.rates(ball.init(params), out)), [0.1 / (1 - 0.75), 0.1 / (1 - 0.75)]);
  // with momentum μ, RMSProp applies each scaled gradient 1/(1 − μ) times over
  const withMomentum = createOptimizer("rmsprop", { lr: 0.01, momentum: 0.5 });
  const sm = withMomentum.update(g, withMomentum.init(params), params).state;
  assert.equal(Array.from(withMomentum.rates(sm, out)), [0.01 / (Math.sqrt((1 - 0.9) * 0.25 + 1e-8) * 0.5), 0.01 / (Math.sqrt((1 - 0.9) * 4 + 1e-8) * 0.5)]);
  // Adam: α/(√v̂ + ε), with v̂ = v/(1 − β₂ᵗ)
  const adam = createOptimizer("adam");
  const sd = adam.update(g, adam.init(params), params).state;
  assert.equal(Array.from(adam.rates(sd, out)), [0.001 / (Math.sqrt(((1 - 0.999) * (0.5 * 0.5)) / (1 - 0.999)) + 1e-8), 0.001 / (Math.sqrt(((1 - 0.999) * (-2 * -2)) / (1 - 0.999)) + 1e-8)]);
});

test("effectiveLrTrace: AdaGrad's median never rises during real training; min ≤ median ≤ max", () => {
  const t = effectiveLrTrace(data, { optimizer: "adagrad", lr: 0.1, epochs: 200 });
  for (let i = 0; i < 200; i++) assert.ok(t.min[i]! <= t.median[i]! && t.median[i]! <= t.max[i]!);
  for (let i = 1; i < 200; i++) assert.ok(t.median[i]! <= t.median[i - 1]!, `epoch ${i + 1}`);
  assert.is(t.run.losses.length, 200);
});

test("predictGrid: one probability per cell, rows from the top, equal to a forward pass at the cell centre", () => {
  const shape = { nX: 2, nH: 5, nY: 1 };
  const p = initParams(shape, 3);
  const spec = { xMin: -1, xMax: 1, yMin: -2, yMax: 2, nx: 4, ny: 2 };
  const g = predictGrid(p, shape, spec);
  assert.is(g.values.length, 8);
  const single = predictGrid(p, shape, { xMin: -0.75, xMax: -0.75, yMin: 1, yMax: 1, nx: 1, ny: 1 });
  assert.is(g.values[0], single.values[0]); // top-left cell centre is (−0.75, 1)
  assert.ok(g.values.every((v) => v > 0 && v < 1));
  const around = gridAround(data.X, 10, 0.5);
  assert.ok(around.xMin < Math.min(...data.X.data.subarray(0, 60)) && around.nx === 10);
});

test("betaLrGrid trains one RMSProp run per (β, lr) and reports progress", () => {
  const seen: number[] = [];
  const cells = betaLrGrid(data, [0.9, 0.99], [0.001, 0.01], { epochs: 20 }, (done) => seen.push(done));
  assert.equal(cells.map((c) => [c.beta, c.lr]), [[0.9, 0.001], [0.9, 0.01], [0.99, 0.001], [0.99, 0.01]]);
  assert.equal(seen, [1, 2, 3, 4]);
  assert.ok(cells.every((c) => c.divergedAt === null && c.finalLoss > 0));
});

test("tuneLearningRate keeps the lowest final loss and never picks a diverged run", () => {
  const t = tuneLearningRate(data, { optimizer: "sgd", epochs: 30 }, [0.001, 0.1, 1e300]);
  assert.is(t.tried.length, 3);
  assert.is(t.tried[2]!.divergedAt, 2);
  const finite = t.tried.filter((r) => r.divergedAt === null);
  assert.is(t.best.losses[29], Math.min(...finite.map((r) => r.finalLoss)));
  assert.throws(() => tuneLearningRate(data, { optimizer: "sgd", epochs: 5 }, [1e300]), /every learning rate diverged/);
});

test("minimize: trajectory starts at x0, gradients are right, divergence and bad x0 are reported", () => {
  const q = minimize(objective("quadratic"), [2, -4], createOptimizer("sgd", { lr: 0.5 }), 3);
  assert.equal(q.trajectory, [[2, -4], [1, -2], [0.5, -1], [0.25, -0.5]]);
  assert.equal(q.values, [10, 2.5, 0.625, 0.15625]);
  const r = objective("rosenbrock");
  const grad = new Float64Array(2);
  r.gradient(Float64Array.of(1, 1), grad);
  assert.equal(Array.from(grad), [0, 0]);
  const far = minimize(objective("quadratic"), [1], createOptimizer("sgd", { lr: 1e308 }), 5);
  assert.ok(far.diverged, "no divergence");
  assert.throws(() => minimize(objective("d2l"), [1], createOptimizer("sgd"), 3), (e: unknown) => e instanceof ValidationError && e.parameter === "x0");
  assert.throws(() => objective("himmelblau"), (e: unknown) => e instanceof ValidationError && e.parameter === "function");
});

test("the §4 series feed ema unchanged (no hidden state between calls)", () => {
  const g = simulateAccumulation().gradients;
  assert.equal(Array.from(ema(g, 0.9)), Array.from(ema(g, 0.9)));
});

test("§4's gradients: gradientScale·z + gradientMean, the original's 0.5 and 0.2 by default", () => {
  const a = simulateAccumulation({ iterations: 5 }).gradients;
  assert.equal(Array.from(simulateAccumulation({ iterations: 5, gradientScale: 0.5, gradientMean: 0.2 }).gradients), Array.from(a));
  const b = simulateAccumulation({ iterations: 5, gradientScale: 0, gradientMean: -1 }).gradients;
  assert.equal(Array.from(b), [-1, -1, -1, -1, -1]);
  assert.throws(() => simulateAccumulation({ gradientScale: -1 }), (e: unknown) => e instanceof ValidationError && /gradientScale/.test(e.message));
  assert.throws(() => simulateAccumulation({ gradientMean: Number.NaN }), (e: unknown) => e instanceof ValidationError && /gradientMean/.test(e.message));
});

const cellOf = (beta: number, lr: number, finalLoss: number, divergedAt: number | null = null): GridCell =>
  ({ beta, lr, finalLoss, finalAccuracy: 0.6, bestAccuracy: 0.6, divergedAt });

test("rankByFinalLoss: lowest first; a diverged run's last finite loss ranks nothing", () => {
  const ranked = rankByFinalLoss([cellOf(0.9, 0.001, 0.64), cellOf(0.99, 0.1, 0.01, 40), cellOf(0.999, 0.01, 0.5)]);
  assert.equal(ranked.map((g) => [g.beta, g.lr]), [[0.999, 0.01], [0.9, 0.001]]);
});

test("headToHead: both optimizers' final losses at each α both finished; diverged runs listed apart", () => {
  const ada = train({ optimizer: "adagrad", epochs: 5 }, { data });
  const rms = train({ optimizer: "rmsprop", epochs: 5 }, { data });
  const tried = (...cells: [number, number, (number | null)?][]) => cells.map(([lr, finalLoss, divergedAt = null]) =>
    ({ lr, finalLoss, finalAccuracy: 0.6, bestAccuracy: 0.6, divergedAt }));
  const tuned: Tuned[] = [
    { best: ada, tried: tried([0.001, 0.69], [0.01, 0.65], [0.1, 0.62]) },
    { best: rms, tried: tried([0.001, 0.64], [0.01, 0.66], [0.1, Number.NaN, 12]) },
  ];
  const duel = headToHead(tuned, "adagrad", "rmsprop");
  assert.equal(duel.rows, [{ lr: 0.001, a: 0.69, b: 0.64 }, { lr: 0.01, a: 0.65, b: 0.66 }]);
  assert.equal(duel.diverged, [{ optimizer: "rmsprop", lr: 0.1 }]);
  assert.equal(headToHead(tuned, "adagrad", "adam").rows, []);
});

test("summarizeRates: the median's path, the spread over parameters and the steps in units of α", () => {
  const trace = effectiveLrTrace(data, { optimizer: "adagrad", lr: 0.1, epochs: 20 });
  const s = summarizeRates(trace);
  assert.is(s.parameters, 41);
  assert.is(s.epochs, 20);
  assert.is(s.first, trace.median[0]);
  assert.is(s.last, trace.median[19]);
  assert.is(s.rises, 0); // AdaGrad's sum only grows
  assert.is(s.largest, s.first);
  assert.is(s.spread, trace.max[19]! / trace.min[19]!);
  assert.ok(Math.abs(s.orders - Math.log10(s.spread)) < 1e-15);
  assert.is(s.largestStep, trace.steps.max[19]! / 0.1);
  assert.is(s.medianStep, trace.steps.median[19]! / 0.1);
});

test("agreement: how long two curves agree to 12 and 6 digits, the largest gap and the first difference", () => {
  const a = [1, 1, 1, 1, 1, 1];
  const b = [1, 1, 1 + 1e-13, 1 + 1e-9, 1 + 1e-3, 1 + 1e-4];
  const g = agreement(a, b);
  assert.is(g.agree12, 3);
  assert.is(g.agree6, 4);
  assert.is(g.largestGapEpoch, 5);
  assert.ok(Math.abs(g.largestGap - 1e-3) < 1e-15);
  assert.equal(g.firstDifference?.epoch, 3);
  assert.equal(agreement(a, a), { agree12: 6, agree6: 6, largestGap: 0, largestGapEpoch: 1, firstDifference: null });
});

test("checkOriginalClaims: the long runs given by the caller, or retrained; long runs with other settings are refused", () => {
  const runs = [train({ optimizer: "sgd", lr: 0.01, epochs: 20 }, { data }), train({ optimizer: "adagrad", lr: 0.1, epochs: 20 }, { data }),
    train({ optimizer: "rmsprop", lr: 0.001, epochs: 20 }, { data })];
  const long = { adagrad: train({ optimizer: "adagrad", lr: 0.1, epochs: 60 }, { data }), rmsprop: train({ optimizer: "rmsprop", lr: 0.001, epochs: 60 }, { data }) };
  const given = checkOriginalClaims(runs, long);
  const retrained = checkOriginalClaims(runs, 60);
  assert.is(given.longAdagrad, long.adagrad);
  assert.is(given.longEpochs, 60);
  assert.equal({ ...given, longAdagrad: 0, longRmsprop: 0 }, { ...retrained, longAdagrad: 0, longRmsprop: 0 });
  // loss increases are counted over the steps between epochs
  const increases = Array.from(runs[2]!.losses).filter((v, i, l) => i > 0 && v > l[i - 1]!).length;
  assert.is(given.rmspropLossIncreases, increases);
  const other = train({ optimizer: "rmsprop", lr: 0.01, epochs: 60 }, { data });
  assert.throws(() => checkOriginalClaims(runs, { ...long, rmsprop: other }),
    (e: unknown) => e instanceof ValidationError && /invalid long\.rmsprop: "lr 0\.01 where the §7 run has 0\.001" \(expected a run of rmsprop/.test(e.message));
  const shorter = train({ optimizer: "adagrad", lr: 0.1, epochs: 10 }, { data });
  assert.throws(() => checkOriginalClaims(runs, { ...long, adagrad: shorter }), (e: unknown) => e instanceof ValidationError && /"10 epochs".*at least 20 epochs/.test(e.message));
  assert.throws(() => checkOriginalClaims(runs.slice(0, 2)), (e: unknown) => e instanceof ValidationError && /invalid runs: "2 runs"/.test(e.message));
});

test.run();
