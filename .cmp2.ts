import { readFileSync } from "node:fs";
import { fromNested } from "./src/matrix";
import { PARAM_NAMES } from "./src/nn/mlp";
import { createOptimizer } from "./src/optim/index";
import { fit } from "./src/train/fit";
const o = JSON.parse(readFileSync("test/fixtures/original.json","utf8"));
const data = { X: fromNested(o.spiral.X), Y: fromNested(o.spiral.Y) } as any;
const init = () => ({ W1: Float64Array.from(o.init.W1.flat()), b1: new Float64Array(10), W2: Float64Array.from(o.init.W2.flat()), b2: new Float64Array(1) });
for (const e of JSON.parse(readFileSync("/tmp/exp/exact.json","utf8"))) {
  const r = fit(data, createOptimizer("rmsprop", { preset: "pytorch", centered: e.centered, momentum: e.momentum, weightDecay: e.wd }), { epochs: 2000, initial: init() });
  const same = PARAM_NAMES.every((k) => Array.from(r.params[k]).every((v, i) => v === e.final[k][i]));
  let w = 0; r.losses.forEach((l, i) => { w = Math.max(w, Math.abs(l - e.losses[i]) / e.losses[i]); });
  const firstBad = r.losses.findIndex((l, i) => Math.abs(l - e.losses[i]) / e.losses[i] > 1e-12);
  console.log(e.centered, e.momentum, e.wd, "final params bit-identical", same, "worst loss rel", w, "first >1e-12", firstBad);
}
