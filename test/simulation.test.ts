import { test } from "uvu";
import * as assert from "uvu/assert";
import { simulateAccumulation } from "../src/train/simulation";
import { closeRel, original } from "./helpers";

test("§4 series equal the original's (gradients, G, E, both effective learning rates)", () => {
  const s = simulateAccumulation();
  const want = original().simulation;
  closeRel(s.gradients, want.gradients, 1e-14, "gradients");
  closeRel(s.G, want.G_adagrad, 1e-14, "G");
  closeRel(s.E, want.E_rmsprop, 1e-14, "E");
  closeRel(s.lrAdagrad, want.lr_adagrad, 1e-14, "lrAdagrad");
  closeRel(s.lrRmsprop, want.lr_rmsprop, 1e-14, "lrRmsprop");
});

test("both accumulators start at g0² (as the original does), and G never decreases", () => {
  const s = simulateAccumulation();
  const g0 = s.gradients[0]!;
  assert.is(s.G[0], g0 * g0);
  assert.is(s.E[0], g0 * g0);
  for (let t = 1; t < s.G.length; t++) assert.ok(s.G[t]! >= s.G[t - 1]!);
});

test.run();
