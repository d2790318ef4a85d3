/**
 * Time our library on the benchmark workloads; print JSON (same shapes as bench/numpy_bench.py).
 *   tsx bench/ours.ts seed|scaled|scaling|kernels|profile REPS
 * `kernels`: the seed and scaled workloads with the MLP's WebAssembly SIMD kernels and with its JavaScript loops,
 * alternating. `profile`: where the seed workload's time goes (V8's sampling profiler, self time per function).
 */
import { readFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";
import { generateSpiralData, type Dataset } from "../src/data/spiral";
import { prepare, type RunConfig } from "../src/train/experiments";
import { fit } from "../src/train/fit";

/** (a) the original's three runs, 2000 epochs each on its 300-sample spiral */
const SEED: Record<string, RunConfig> = {
  sgd: { optimizer: "sgd", lr: 0.01, epochs: 2000 },
  adagrad: { optimizer: "adagrad", lr: 0.1, epochs: 2000 },
  rmsprop: { optimizer: "rmsprop", lr: 0.001, beta: 0.9, epochs: 2000 },
};
/** (b) RMSProp with 64 hidden units; the samples and epochs vary */
const SCALED: RunConfig = { optimizer: "rmsprop", hidden: 64, lr: 0.001 };

/** One training run as `train` does it; `simd: false` with the MLP's JavaScript loops. */
function run(config: RunConfig, data: Dataset, simd = true): void {
  const p = prepare(config, data);
  fit(p.data, p.optimizer, { ...p.options, simd });
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function medianTime(fn: () => void, reps: number): { median: number; times: number[] } {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    times.push((performance.now() - t) / 1000);
  }
  return { median: median(times), times };
}

function perEpoch(samples: number, reps: number, epochs: number) {
  const data = generateSpiralData({ samples: samples });
  const r = medianTime(() => run({ ...SCALED, epochs }, data), reps);
  return { median: r.median / epochs, times: r.times.map((t) => t / epochs) };
}

const [what, repsArg] = process.argv.slice(2);
const reps = Number(repsArg ?? 5);
let out: unknown;
if (what === "seed") {
  const data = generateSpiralData();
  out = Object.fromEntries(Object.entries(SEED).map(([name, c]) => {
    const r = medianTime(() => run(c, data), reps);
    return [name, { median_s: r.median, times_s: r.times }];
  }));
} else if (what === "scaled") {
  const r = perEpoch(30000, reps, 5);
  out = { median_s_per_epoch: r.median, times_s_per_epoch: r.times };
} else if (what === "scaling") {
  out = Object.fromEntries([1000, 3000, 10000, 30000, 100000].map((n) => [String(n), perEpoch(n, reps, n >= 30000 ? 3 : 10).median]));
} else if (what === "kernels") {
  const data = generateSpiralData();
  const big = generateSpiralData({ samples: 30000 });
  const seedRuns = (simd: boolean) => () => Object.values(SEED).forEach((c) => run(c, data, simd));
  const scaledRun = (simd: boolean) => () => run({ ...SCALED, epochs: 5 }, big, simd);
  const times: Record<string, number[]> = { seed_simd: [], seed_js: [], scaled_simd: [], scaled_js: [] };
  for (let r = 0; r < reps; r++) {
    times.seed_simd!.push(medianTime(seedRuns(true), 1).median);
    times.seed_js!.push(medianTime(seedRuns(false), 1).median);
    times.scaled_simd!.push(medianTime(scaledRun(true), 1).median / 5);
    times.scaled_js!.push(medianTime(scaledRun(false), 1).median / 5);
  }
  out = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { median_s: median(v), times_s: v }]));
} else if (what === "profile") {
  void profileSeed(reps).then((r) => console.log(JSON.stringify(r)));
} else {
  console.error(`usage: tsx bench/ours.ts seed|scaled|scaling|kernels|profile REPS (got ${what})`);
  process.exit(2);
}
if (out !== undefined) console.log(JSON.stringify(out));

/**
 * The seed workload, REPS times, under V8's sampling profiler: the share of self time of each function (the
 * WebAssembly functions named after src/nn/mlp-simd.wat's, in their order there), largest first.
 */
async function profileSeed(times: number): Promise<{ share: number; name: string }[]> {
  const data = generateSpiralData();
  const seedRuns = () => Object.values(SEED).forEach((c) => run(c, data));
  seedRuns(); // warm-up: the profile is of optimized code
  const wat = readFileSync(join(__dirname, "..", "src", "nn", "mlp-simd.wat"), "utf8");
  const wasmNames = [...wat.matchAll(/\(func (?:\(export "(\w+)"\)|\$(\w+))/g)].map((m) => `${m[1] ?? m[2]} (WebAssembly)`);
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r as T))));
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 100 });
  await post("Profiler.start");
  for (let r = 0; r < times; r++) seedRuns();
  type Node = { id: number; callFrame: { functionName: string; url: string } };
  const { profile } = await post<{ profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } }>("Profiler.stop");
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const wasm = /^wasm-function\[(\d+)\]$/.exec(f.functionName);
    const file = f.url.split("/").pop() ?? "";
    const name = wasm ? wasmNames[Number(wasm[1])] ?? f.functionName : file ? `${f.functionName || "(anonymous)"} (${file})` : f.functionName;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()].map(([name, t]) => ({ share: t / total, name })).sort((a, b) => b.share - a.share);
}
