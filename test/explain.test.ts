/**
 * The notebooks' computed prose (src/notebook/explain): statements that compare runs say what the runs show, with
 * the right denominators, and say when a comparison is not like for like.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { explain, generateSpiralData, runsFrame, train, type Run } from "../src/index";
import type { ClaimsCheck } from "../src/train/claims";
import type { GridCell, LrTrace, Tuned } from "../src/train/analysis";

const data = generateSpiralData({ nSamples: 100, noise: 0.1, seed: 42 });
const run = (c: Parameters<typeof train>[0]) => train({ epochs: 30, ...c }, { data });

test("§8: loss increases are counted over the steps between epochs, not the epochs", () => {
  const r = run({ optimizer: "rmsprop" });
  const base = { epochs: 2000, rmspropBelowAdagrad: 0, crossover: null, longEpochs: 6000, lrAdagrad: 0.1, lrRmsprop: 0.001,
    lrRatio: 100, bestAccuracy: 0.6, finalLoss: { sgd: 0.69, adagrad: 0.61, rmsprop: 0.64 } };
  assert.match(explain.rmsprop.claims({ ...base, rmspropLossIncreases: 8 } as unknown as ClaimsCheck, r), /goes up from one epoch to the next 8 times in 1999 steps/);
  assert.match(explain.rmsprop.claims({ ...base, rmspropLossIncreases: 0 } as unknown as ClaimsCheck, r), /\(all 1999 steps\)/);
});

test("§10.12: RMSProp against AdaGrad at each learning rate both tried, and the wide run's other changes named", () => {
  const cell = (lr: number, finalLoss: number, divergedAt: number | null = null) => ({ lr, finalLoss, finalAccuracy: 0.6, bestAccuracy: 0.6, divergedAt });
  const ada = run({ optimizer: "adagrad", lr: 0.01 });
  const rms = run({ optimizer: "rmsprop", lr: 0.01 });
  const tuned = [
    { best: ada, tried: [cell(0.001, 0.69), cell(0.01, 0.65), cell(0.1, 0.62)] },
    { best: rms, tried: [cell(0.001, 0.64), cell(0.01, 0.66), cell(0.1, NaN, 12)] },
  ] as unknown as Tuned[];
  const trace = { median: Float64Array.of(1, 0.5) } as unknown as LrTrace;
  const wide = run({ optimizer: "rmsprop", hidden: 12, epochs: 40 });
  const text = explain.rmsprop.verdict({ claims: { rmspropBelowAdagrad: 0, epochs: 30 } as unknown as ClaimsCheck,
    equal: [ada, rms], tuned, adagradTrace: trace, rmspropTrace: trace, wide });
  assert.match(text, /where both finished, RMSProp ends below AdaGrad at 1 of 2 \(α 0\.001\), above it or level at 1 \(α 0\.01\): which one is ahead depends on α\. Diverged: RMSProp at α 0\.1\./);
  assert.match(text, /At §10\.1's shared learning rate\*\* \(α 0\.01\)/);
  // a diverged run's last finite loss (NaN here) is not RMSProp's lowest
  assert.match(text, /RMSProp's lowest final loss is 0\.6400 and AdaGrad's 0\.6200/);
  assert.match(text, /No optimizer setting of §10\.2 solves the spiral\*\* with 10 hidden units/);
  assert.match(text, /with 12 hidden units instead of 10, 40 epochs instead of 30, RMSProp with α 0\.001 and β 0\.9: it changes more than one thing/);
  assert.match(text, /All accuracies are on the 100 training points/);
});

test("7_7: the ranking by final loss comes with the learning rates the runs use", () => {
  const runs = [run({ optimizer: "sgd", lr: 0.01 }), run({ optimizer: "adam", lr: 0.001 })];
  const { ranked, learningRates } = explain.adam.series(runs, ["SGD", "Adam"]);
  assert.equal(learningRates, [0.001, 0.01]);
  assert.equal(ranked.map((r) => r.finalLoss), runs.map((r) => r.losses[29]!).sort((a, b) => a - b));
  assert.equal(explain.adam.series([runs[0]!, run({ optimizer: "momentum", lr: 0.01 })], ["SGD", "momentum"]).learningRates, [0.01]);
});

test("§10.3: the grid's lowest loss against §3's typical β; diverged runs are not ranked", () => {
  const g = (beta: number, lr: number, finalLoss: number, divergedAt: number | null = null): GridCell =>
    ({ beta, lr, finalLoss, finalAccuracy: 0.6, bestAccuracy: 0.6, divergedAt });
  assert.match(explain.rmsprop.grid([g(0.9, 0.001, 0.64), g(0.999, 0.01, 0.5)]), /lowest final loss comes with β = 0\.999/);
  assert.not.match(explain.rmsprop.grid([g(0.9, 0.001, 0.4), g(0.999, 0.01, 0.5)]), /§3/);
  const withDiverged = explain.rmsprop.grid([g(0.9, 0.001, 0.64), g(0.99, 0.1, 0.01, 40), g(0.999, 0.01, 0.5)]);
  assert.match(withDiverged, /^Lowest final loss: β = 0\.999, α = 0\.01/);
  assert.match(withDiverged, /ranks \*\*2 of 2\*\* \(1 diverged run is not ranked\)/);
});

test("results tables: α and β headers, Adam's β₂ in a column of its own", () => {
  const cols = (runs: Run[]) => (runsFrame(runs) as unknown as { columns: string[] }).columns;
  assert.equal(cols([run({ optimizer: "rmsprop" })]).slice(0, 3), ["run", "α", "β"]);
  const withAdam = runsFrame([run({ optimizer: "rmsprop" }), run({ optimizer: "adam" })]) as unknown as { columns: string[]; values: unknown[][] };
  assert.equal(withAdam.columns.slice(0, 4), ["run", "α", "β (Adam: β₁)", "β₂"]);
  assert.equal(withAdam.values.map((r) => r.slice(1, 4)), [[0.001, 0.9, ""], [0.001, 0.9, 0.999]]);
});

test.run();
