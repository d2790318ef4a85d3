/**
 * The notebooks' computed prose (src/notebook/explain): statements that compare runs say what the runs show, with
 * the right denominators, and say when a comparison is not like for like.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { explain } from "../src/index";
import { generateSpiralData } from "../src/data/spiral";
import { runsFrame } from "../src/notebook/frames";
import { train, type Run } from "../src/train/experiments";

const data = generateSpiralData({ samples: 100, noise: 0.1, seed: 42 });
const run = (c: Parameters<typeof train>[0]) => train({ epochs: 30, ...c }, { data });

test("7_7: the ranking by final loss comes with the learning rates the runs use", () => {
  const runs = [run({ optimizer: "sgd", lr: 0.01 }), run({ optimizer: "adam", lr: 0.001 })];
  const { ranked, learningRates } = explain.adam.series(runs, ["SGD", "Adam"]);
  assert.equal(learningRates, [0.001, 0.01]);
  assert.equal(ranked.map((r) => r.finalLoss), runs.map((r) => r.losses[29]!).sort((a, b) => a - b));
  assert.equal(explain.adam.series([runs[0]!, run({ optimizer: "momentum", lr: 0.01 })], ["SGD", "momentum"]).learningRates, [0.01]);
});

test("results tables: a column per symbol the runs' registry entries show (RMSProp's β, Adam's β₁, β₂, λ)", () => {
  const cols = (runs: Run[]) => (runsFrame(runs) as unknown as { columns: string[] }).columns;
  assert.equal(cols([run({ optimizer: "rmsprop" })]).slice(0, 3), ["run", "α", "β"]);
  const withAdam = runsFrame([run({ optimizer: "rmsprop" }), run({ optimizer: "adam" })]) as unknown as { columns: string[]; values: unknown[][] };
  assert.equal(withAdam.columns.slice(0, 6), ["run", "α", "β", "β₁", "β₂", "λ"]);
  assert.equal(withAdam.values.map((r) => r.slice(1, 6)), [[0.001, 0.9, "", "", ""], [0.001, "", 0.9, 0.999, 0]]);
});

test.run();
