/**
 * Time our library on the benchmark workloads; print JSON (same shapes as bench/numpy_bench.py).
 *   tsx bench/ours.ts seed|scaled|scaling REPS
 */
import { generateSpiralData } from "../src/data/spiral";
import { train, type RunConfig } from "../src/train/experiments";

function medianTime(fn: () => void, reps: number): { median: number; times: number[] } {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    times.push((performance.now() - t) / 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { median: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, times };
}

function perEpoch(samples: number, reps: number, epochs: number) {
  const data = generateSpiralData({ nSamples: samples });
  const config: RunConfig = { optimizer: "rmsprop", hidden: 64, lr: 0.001, epochs };
  const r = medianTime(() => train(config, {}, data), reps);
  return { median: r.median / epochs, times: r.times.map((t) => t / epochs) };
}

const [what, repsArg] = process.argv.slice(2);
const reps = Number(repsArg ?? 5);
let out: unknown;
if (what === "seed") {
  const data = generateSpiralData();
  const configs: Record<string, RunConfig> = {
    sgd: { optimizer: "sgd", lr: 0.01 }, adagrad: { optimizer: "adagrad", lr: 0.1 }, rmsprop: { optimizer: "rmsprop", lr: 0.001, beta: 0.9 },
  };
  out = Object.fromEntries(Object.entries(configs).map(([name, c]) => {
    const r = medianTime(() => train({ ...c, epochs: 2000 }, {}, data), reps);
    return [name, { median_s: r.median, times_s: r.times }];
  }));
} else if (what === "scaled") {
  const r = perEpoch(30000, reps, 5);
  out = { median_s_per_epoch: r.median, times_s_per_epoch: r.times };
} else if (what === "scaling") {
  out = Object.fromEntries([1000, 3000, 10000, 30000, 100000].map((n) => [String(n), perEpoch(n, reps, n >= 30000 ? 3 : 10).median]));
} else {
  console.error(`usage: tsx bench/ours.ts seed|scaled|scaling REPS (got ${what})`);
  process.exit(2);
}
console.log(JSON.stringify(out));
