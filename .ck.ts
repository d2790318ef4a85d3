import { readFileSync } from "node:fs";
import { PARAM_NAMES } from "./src/nn/mlp";
import { createOptimizer } from "./src/optim/index";
const torch = JSON.parse(readFileSync("/work/main/test/fixtures/torch.json", "utf8"));
const SLOT_OF: Record<string,string> = { square_avg: "meanSquare", grad_avg: "meanGrad", momentum_buffer: "buffer" };
for (const entry of torch.rmsprop) {
  const o = entry.options;
  let worst = 0, nz = 0, n = 0;
  for (const c of entry.spiral.checkpoints) {
    const leaves = (r: any) => Object.fromEntries(PARAM_NAMES.map((p) => [p, Float64Array.from(r[p].flat())]));
    const opt = createOptimizer("rmsprop", { preset: "pytorch", centered: o.centered, momentum: o.momentum, weightDecay: o.weight_decay });
    const params = leaves(c.params);
    const state: any = opt.init(params);
    for (const [key, slot] of Object.entries(SLOT_OF)) if (c.state[key]) for (const p of PARAM_NAMES) state[slot][p].set(c.state[key][p].flat());
    state.count = c.epoch - 1;
    const next: any = opt.update(leaves(c.grads), state, params);
    for (const p of PARAM_NAMES) { const a = next.params[p], b = c.params_after[p].flat(); for (let i=0;i<b.length;i++){ n++; if (a[i]!==b[i]) { nz++; worst=Math.max(worst, Math.abs(a[i]-b[i])/Math.abs(b[i])); } } }
    for (const [key, slot] of Object.entries(SLOT_OF)) if (c.state_after[key]) for (const p of PARAM_NAMES) { const a = next.state[slot][p], b = c.state_after[key][p].flat(); for (let i=0;i<b.length;i++){ n++; if (a[i]!==b[i]) { nz++; worst=Math.max(worst, Math.abs(a[i]-b[i])/Math.abs(b[i])); } } }
  }
  console.log(o.centered, o.momentum, o.weight_decay, "values", n, "not bit-identical", nz, "worst rel", worst);
}
