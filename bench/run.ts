/**
 * `npm run bench`: in one run, side by side, with a warm-up and the median of REPS repetitions each:
 *  (a) the original's workload (SGD, AdaGrad, RMSProp × 2000 epochs, 300 samples): numpy original vs ours;
 *  (b) a scaled workload (30,000 samples, 64 hidden units, RMSProp), time per epoch, both single-threaded;
 *  (c) headless Run-All (jupyter nbconvert --execute) of notebooks/7_6_rmsprop.ipynb on tslab vs the original
 *      notebook rebuilt from ../shared/seed on ipykernel (plots included), both from the project venv, where
 *      `setup.sh --bench` installs numpy, matplotlib and seaborn;
 *      The kernel takes cells compiled in an earlier run from its store (kernel/cell-cache.js), as ipykernel takes
 *      imported modules from __pycache__; (c⁗) is the same Run-All with every cell compiled;
 *  (d) the peak RSS of each kernel during (c), sampled from /proc every 50 ms;
 *  (e) time to first output: a fresh kernel plus the notebook's first code cell, ours against ipykernel plus the
 *      original's §1 cell, alternating (bench/first_output.py); (c‴, e′) the same two on Deno's kernel (bench/deno.ts);
 *  (f) a soak: one kernel, the training, table and chart cells re-run 200 times with new settings, its RSS after
 *      each round (bench/soak.py);
 *  (g) the playground's training in Chromium: 2000 epochs of the 10-unit network, bundled by esbuild, against the
 *      same in Node (bench/browser.ts);
 * plus time per epoch against samples (1k → 100k) for both, and where 7_6's Run-All spends its time (the slowest
 * cells, from the execution timestamps nbclient records). Writes bench/results.json, prints a Markdown table,
 * rewrites the measured part of docs/benchmarks.md and renders docs/bench-scaling.png.
 *   npm run bench [-- --reps N]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { KERNEL_PEAK_RSS_BOUND_MB } from "../src/defaults";
import { lineChart } from "../src/plots/line";
import { jupyterEnv, ROOT, venvBin } from "../scripts/lib/pipeline";
import { CHROMIUM, CHROMIUM_ARGS } from "../scripts/lib/chromium";
import { denoBench, denoRows } from "./deno";
import { BUILD, median, runAll } from "./notebook-run";

const argReps = process.argv.indexOf("--reps");
const REPS = argReps > 0 ? Number(process.argv[argReps + 1]) : 5;
if (!Number.isInteger(REPS) || REPS < 1) {
  console.error(`error: invalid --reps: ${process.argv[argReps + 1]} (expected an integer >= 1)`);
  process.exit(2);
}
const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
const log = (s: string) => console.error(`[bench] ${s}`);
const SOAK_ROUNDS = 200;
/** The bound on the kernel's peak RSS, during Run All and during the soak. */
const RSS_BOUND_MB = KERNEL_PEAK_RSS_BOUND_MB;

/** docs/NAME.png: a chart drawn by Chromium (a page of the chart alone, 800×600). */
function chartPng(chart: string, name: string): void {
  const page = join(BUILD, `${name}.html`);
  writeFileSync(page, `<!DOCTYPE html><html><body style="font-family: system-ui, sans-serif; margin: 16px; background: white">${chart}</body></html>`);
  execFileSync(CHROMIUM, [...CHROMIUM_ARGS, "--hide-scrollbars", "--window-size=800,600",
    `--screenshot=${join(ROOT, "docs", `${name}.png`)}`, `file://${page}`], { stdio: "ignore" });
}

/** Seconds each code cell of an executed notebook took (nbclient's timestamps), with its first line. */
function cellTimes(executed: string): { seconds: number; line: string }[] {
  const nb = JSON.parse(readFileSync(executed, "utf8")) as { cells: { cell_type: string; source: string | string[]; metadata: { execution?: Record<string, string> } }[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => {
    const e = c.metadata.execution ?? {};
    const seconds = (Date.parse(e["shell.execute_reply"] ?? "") - Date.parse(e["iopub.execute_input"] ?? "")) / 1000;
    const src = Array.isArray(c.source) ? c.source.join("") : c.source;
    const line = src.split("\n").find((l) => l.trim() && !l.trim().startsWith("//"))?.trim() ?? "";
    return { seconds, line };
  });
}

function json<T>(cmd: string, args: string[], env: NodeJS.ProcessEnv = ONE_THREAD): T {
  return JSON.parse(execFileSync(cmd, args, { encoding: "utf8", env, cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] })) as T;
}
interface SeedTimes { [optimizer: string]: { median_s: number; times_s: number[] } }

async function main() {
  mkdirSync(BUILD, { recursive: true });
  execFileSync("bash", [join(ROOT, "scripts", "setup.sh"), "--bench"], { stdio: ["ignore", 2, 2] });
  const PY = venvBin("python");
  const machine = `${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${cpus().length} cores; Node ${process.version}; numpy ${execFileSync(PY, ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" }).trim()}`;

  log(`(a) original workload, ${REPS} repetitions each…`);
  const npSeed = json<SeedTimes>(PY, ["bench/numpy_bench.py", "seed", String(REPS)]);
  const tsSeed = json<SeedTimes>("npx", ["--no-install", "tsx", "bench/ours.ts", "seed", String(REPS)]);
  const npSeedTotal = Object.values(npSeed).reduce((s, v) => s + v.median_s, 0);
  const tsSeedTotal = Object.values(tsSeed).reduce((s, v) => s + v.median_s, 0);

  log("(a′) the MLP's WebAssembly SIMD kernels against its JavaScript loops, alternating…");
  type KernelTimes = Record<"seed_simd" | "seed_js" | "scaled_simd" | "scaled_js", { median_s: number; times_s: number[] }>;
  const kernels = json<KernelTimes>("npx", ["--no-install", "tsx", "bench/ours.ts", "kernels", String(REPS)]);

  const seedProfile = json<{ share: number; name: string }[]>("npx", ["--no-install", "tsx", "bench/ours.ts", "profile", String(REPS)]);

  log("(b) scaled workload (30,000 samples, 64 hidden)…");
  const npScaled = json<{ median_s_per_epoch: number; times_s_per_epoch: number[] }>(PY, ["bench/numpy_bench.py", "scaled", String(REPS)]);
  const tsScaled = json<{ median_s_per_epoch: number; times_s_per_epoch: number[] }>("npx", ["--no-install", "tsx", "bench/ours.ts", "scaled", String(REPS)]);

  log("(c, d) notebook Run-All and kernel memory…");
  const original = join(BUILD, "original.ipynb");
  execFileSync(PY, ["bench/seed_notebook.py", original], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  const ours = join(ROOT, "notebooks", "7_6_rmsprop.ipynb");
  // the same notebook cut before §10: the part that mirrors the original, for an like-for-like figure
  const mirror = join(BUILD, "7_6_rmsprop_mirror.ipynb");
  execFileSync(PY, ["-c", `import nbformat, sys
nb = nbformat.read(sys.argv[1], as_version=4)
cut = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## 10." in c.source)
nb.cells = nb.cells[:cut]
nbformat.write(nb, sys.argv[2])`, ours, mirror]);
  // the fixed cost of a Run-All: Python, nbconvert, a kernel's start and stop, around one cell `1 + 1`
  const trivial = join(BUILD, "one-cell.ipynb");
  writeFileSync(trivial, JSON.stringify({ cells: [{ cell_type: "code", id: "one", metadata: {}, source: "1 + 1", execution_count: null, outputs: [] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
  const isTslab = (c: string) => c.includes("tslab-kernel.js");
  const isIpykernel = (c: string) => c.includes("ipykernel_launcher");
  await runAll(ours, "tslab", isTslab); // warm-up (disk caches, compiled Python bytecode)
  await runAll(original, "python3", isIpykernel);
  const nbOurs: { seconds: number; rssMb: number }[] = [];
  const nbMirror: { seconds: number; rssMb: number }[] = [];
  const nbOrig: { seconds: number; rssMb: number }[] = [];
  // the same Run-All with no compiled cells kept from earlier runs: every cell type-checked and emitted (kernel/cell-cache.js)
  const nbCompiled: { seconds: number; rssMb: number }[] = [];
  const fixedOurs: number[] = [];
  const fixedOrig: number[] = [];
  for (let r = 0; r < REPS; r++) {
    nbOurs.push(await runAll(ours, "tslab", isTslab));
    nbMirror.push(await runAll(mirror, "tslab", isTslab));
    nbOrig.push(await runAll(original, "python3", isIpykernel));
    nbCompiled.push(await runAll(ours, "tslab", isTslab, { RMSPROP_CELL_CACHE: "off" }));
    fixedOurs.push((await runAll(trivial, "tslab", isTslab)).seconds);
    fixedOrig.push((await runAll(trivial, "python3", isIpykernel)).seconds);
    log(`   run ${r + 1}/${REPS}: ours ${nbOurs[r]!.seconds.toFixed(2)} s (mirror part only ${nbMirror[r]!.seconds.toFixed(2)} s, every cell compiled ${nbCompiled[r]!.seconds.toFixed(2)} s), original ${nbOrig[r]!.seconds.toFixed(2)} s`);
  }

  log("(e) time to first output, alternating…");
  type Side = { start_s: number[]; cell_s: number[]; total_s: number[] };
  const first = json<{ ours: Side; original: Side }>(PY, ["bench/first_output.py", String(REPS)], jupyterEnv());

  log(`(f) soak: ${SOAK_ROUNDS} rounds of training, table and chart cells on one kernel…`);
  const soak = json<{ rounds: number; seconds: number; rss_mb: number[]; peak_rss_mb: number }>(PY, ["bench/soak.py", String(SOAK_ROUNDS)], jupyterEnv());
  const soakBase = soak.rss_mb[Math.min(19, soak.rss_mb.length - 1)]!;
  const soakGrowth = Math.max(...soak.rss_mb.slice(20)) / soakBase - 1;

  log("(g) 2000 epochs in Chromium and in Node…");
  type Timed = { median_s: number; times_s: number[] };
  const inBrowser = json<{ chromium: Timed; node: Timed }>("npx", ["--no-install", "tsx", "bench/browser.ts", String(REPS)]);

  log("scaling: time per epoch for 1k … 100k samples…");
  const npScaling = json<Record<string, number>>(PY, ["bench/numpy_bench.py", "scaling", "3"]);
  const tsScaling = json<Record<string, number>>("npx", ["--no-install", "tsx", "bench/ours.ts", "scaling", "3"]);

  const cells = cellTimes(join(BUILD, "executed-7_6_rmsprop.ipynb"));
  const deno = await denoBench(REPS, original, log, first.ours);
  const slowest = [...cells].sort((a, b) => b.seconds - a.seconds).slice(0, 6);
  const inCells = cells.reduce((t, c) => t + c.seconds, 0);
  const results = {
    machine,
    reps: REPS,
    seed_speedup: npSeedTotal / tsSeedTotal,
    simd_speedup: { seed: kernels.seed_js.median_s / kernels.seed_simd.median_s, scaled: kernels.scaled_js.median_s / kernels.scaled_simd.median_s },
    scaled_speedup: npScaled.median_s_per_epoch / tsScaled.median_s_per_epoch,
    notebook_time_ratio: median(nbOurs.map((r) => r.seconds)) / median(nbOrig.map((r) => r.seconds)),
    mirror_notebook_time_ratio: median(nbMirror.map((r) => r.seconds)) / median(nbOrig.map((r) => r.seconds)),
    compiled_notebook_time_ratio: median(nbCompiled.map((r) => r.seconds)) / median(nbOrig.map((r) => r.seconds)),
    peak_rss_mb: Math.max(...nbOurs.map((r) => r.rssMb), ...nbCompiled.map((r) => r.rssMb)),
    first_output_ratio: median(first.ours.total_s) / median(first.original.total_s),
    deno: { notebook_time_ratio: deno.notebook_time_ratio, first_output_ratio: deno.first_output_ratio },
    browser_2000_epochs_ms: inBrowser.chromium.median_s * 1000,
    soak: { rounds: soak.rounds, seconds: soak.seconds, peak_rss_mb: soak.peak_rss_mb, growth_after_20: soakGrowth },
    targets: { seed_speedup: ">= 10 (no regression below 3.9)", scaled_speedup: ">= 3", notebook_time_ratio: "<= 1.0", peak_rss_mb: `< ${RSS_BOUND_MB}`, first_output_ratio: "<= 1.0", browser_2000_epochs_ms: "< 100", soak: `peak < ${RSS_BOUND_MB} MB, growth after round 20 <= 10%` },
    raw: {
      seed: { numpy: npSeed, ours: tsSeed },
      scaled: { numpy: npScaled, ours: tsScaled },
      kernels,
      seed_profile: seedProfile.slice(0, 12),
      one_cell_notebook_s: { ours: fixedOurs, original: fixedOrig },
      notebook: { ours_s: nbOurs.map((r) => r.seconds), mirror_s: nbMirror.map((r) => r.seconds), mirror_rss_mb: nbMirror.map((r) => r.rssMb), compiled_s: nbCompiled.map((r) => r.seconds), compiled_rss_mb: nbCompiled.map((r) => r.rssMb), original_s: nbOrig.map((r) => r.seconds), ours_rss_mb: nbOurs.map((r) => r.rssMb), original_rss_mb: nbOrig.map((r) => r.rssMb) },
      scaling_s_per_epoch: { numpy: npScaling, ours: tsScaling },
      first_output: first,
      deno,
      browser: inBrowser,
      soak_rss_mb: soak.rss_mb,
      notebook_cells_s: slowest,
    },
  };
  writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");

  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  const wasmShare = seedProfile.filter((p) => p.name.endsWith("(WebAssembly)")).reduce((t, p) => t + p.share, 0);
  const ok = (pass: boolean) => (pass ? "✅" : "❌");
  const table = [
    `Measured on: ${machine}. Medians of ${REPS} runs after a warm-up, both sides in the same run; numpy limited to one thread.`,
    "",
    "| workload | numpy original | ours | ratio | target |",
    "|---|---|---|---|---|",
    ...Object.keys(npSeed).map((k) => `| (a) ${k}, 2000 epochs, 300 samples | ${ms(npSeed[k]!.median_s)} | ${ms(tsSeed[k]!.median_s)} | ${(npSeed[k]!.median_s / tsSeed[k]!.median_s).toFixed(1)}× faster | |`),
    `| (a) all three | ${ms(npSeedTotal)} | ${ms(tsSeedTotal)} | **${results.seed_speedup.toFixed(1)}× faster** | ≥ 10× ${ok(results.seed_speedup >= 10)} (≥ 3.9× kept ${ok(results.seed_speedup >= 3.9)}) |`,
    `| (a′) the same three, ours with the JavaScript loops instead of the WebAssembly SIMD kernels (alternating) | | ${ms(kernels.seed_simd.median_s)} SIMD, ${ms(kernels.seed_js.median_s)} JavaScript | SIMD ${results.simd_speedup.seed.toFixed(2)}× faster (scaled (b): ${results.simd_speedup.scaled.toFixed(2)}×) | (context) |`,
    `| (b) RMSProp, 30,000 samples, 64 hidden, per epoch | ${ms(npScaled.median_s_per_epoch)} | ${ms(tsScaled.median_s_per_epoch)} | **${results.scaled_speedup.toFixed(2)}× faster** | ≥ 3× ${ok(results.scaled_speedup >= 3)} |`,
    `| (c) notebook Run-All (nbconvert --execute) | ${median(nbOrig.map((r) => r.seconds)).toFixed(2)} s (original, ipykernel) | ${median(nbOurs.map((r) => r.seconds)).toFixed(2)} s (7_6_rmsprop, tslab) | **${results.notebook_time_ratio.toFixed(2)}×** the original's time | ≤ 1.0× ${ok(results.notebook_time_ratio <= 1)} |`,
    `| (c′) the same notebook cut before §10 (the part that mirrors the original) | ${median(nbOrig.map((r) => r.seconds)).toFixed(2)} s | ${median(nbMirror.map((r) => r.seconds)).toFixed(2)} s | ${results.mirror_notebook_time_ratio.toFixed(2)}× | (context) |`,
    `| (c⁗) the same Run-All with every cell compiled: none kept from earlier runs (\`RMSPROP_CELL_CACHE=off\`) | ${median(nbOrig.map((r) => r.seconds)).toFixed(2)} s | ${median(nbCompiled.map((r) => r.seconds)).toFixed(2)} s | ${results.compiled_notebook_time_ratio.toFixed(2)}× | (context) |`,
    `| (c″) the fixed cost: Run-All of a one-cell notebook (\`1 + 1\`) | ${median(fixedOrig).toFixed(2)} s (ipykernel) | ${median(fixedOurs).toFixed(2)} s (tslab) | ${(median(fixedOurs) / median(fixedOrig)).toFixed(2)}× | (context) |`,
    `| (d) kernel peak RSS during (c) and (c⁗) | ${Math.max(...nbOrig.map((r) => r.rssMb)).toFixed(0)} MB | ${results.peak_rss_mb.toFixed(0)} MB | | < ${RSS_BOUND_MB} MB ${ok(results.peak_rss_mb < RSS_BOUND_MB)} |`,
    `| (e) time to first output: fresh kernel + first code cell | ${median(first.original.total_s).toFixed(2)} s (ipykernel + §1: start ${median(first.original.start_s).toFixed(2)} s, cell ${median(first.original.cell_s).toFixed(2)} s) | ${median(first.ours.total_s).toFixed(2)} s (start ${median(first.ours.start_s).toFixed(2)} s, cell ${median(first.ours.cell_s).toFixed(2)} s) | **${results.first_output_ratio.toFixed(2)}×** the original's time | ≤ 1.0× ${ok(results.first_output_ratio <= 1)} |`,
    ...denoRows(deno),
    `| (f) soak: ${soak.rounds} rounds of the training, table and chart cells, new settings each | | peak ${soak.peak_rss_mb.toFixed(0)} MB; after round 20 ${soakGrowth > 0 ? `at most ${(soakGrowth * 100).toFixed(1)}% above round 20's` : "never above round 20's"} (${soak.seconds.toFixed(0)} s) | | < ${RSS_BOUND_MB} MB, ≤ 10% ${ok(soak.peak_rss_mb < RSS_BOUND_MB && soakGrowth <= 0.1)} |`,
    `| (g) the playground's training in Chromium: RMSProp, 2000 epochs, 10 hidden | | ${ms(inBrowser.chromium.median_s)} (Node: ${ms(inBrowser.node.median_s)}) | | < 100 ms ${ok(inBrowser.chromium.median_s < 0.1)} |`,
    "",
    `Where 7_6's Run-All goes (last run, from nbclient's timestamps): ${inCells.toFixed(2)} s inside cells, the rest of the ${median(nbOurs.map((r) => r.seconds)).toFixed(2)} s is the kernel's start and nbconvert. ` +
      `For (c) to reach 1.0×, 7_6's cells would have to take at most ${(median(nbOrig.map((r) => r.seconds)) - median(fixedOurs)).toFixed(2)} s: the original's Run-All less our fixed cost (c″). The slowest cells:`,
    "",
    "| seconds | cell (first line) |",
    "|---|---|",
    ...slowest.map((c) => `| ${c.seconds.toFixed(2)} | \`\` ${c.line.replace(/\|/g, "\\|").slice(0, 90)} \`\` |`),
    "",
    `Where the seed workload (a) spends its time (V8's sampling profiler, self time, ${REPS} rounds): ` +
      seedProfile.slice(0, 8).map((p) => `${(p.share * 100).toFixed(0)}% \`${p.name}\``).join(", ") +
      ". The output layer's σ runs in WebAssembly too, with a port of the engine's `Math.exp` (\`output\` and \`exp\`); `bceLoss` takes one `Math.log` per sample and epoch; the rules' `steps` are the optimizer's update. " +
      `For 10× numpy the three runs would have to take ${ms(npSeedTotal / 10)}: the WebAssembly kernels alone take ${(wasmShare * 100).toFixed(0)}% of today's ${ms(tsSeedTotal)} (${ms(tsSeedTotal * wasmShare)}), so everything else would have to fall from ${ms(tsSeedTotal * (1 - wasmShare))} to ${ms(Math.max(0, npSeedTotal / 10 - tsSeedTotal * wasmShare))}.`,
    "",
    `The kernel's resident memory after each round of the soak (f): ${soak.rss_mb.filter((_, i) => i % 20 === 19).map((v, i) => `round ${(i + 1) * 20}: ${v.toFixed(0)} MB`).join(", ")}.`,
    "",
    "![Kernel RSS during the soak](bench-soak.png)",
    "",
    "Time per epoch against the number of samples (RMSProp, 64 hidden units):",
    "",
    "| samples | " + Object.keys(npScaling).join(" | ") + " |",
    "|---|" + Object.keys(npScaling).map(() => "---").join("|") + "|",
    "| numpy | " + Object.values(npScaling).map(ms).join(" | ") + " |",
    "| ours | " + Object.values(tsScaling).map(ms).join(" | ") + " |",
    "",
    "![Time per epoch against samples](bench-scaling.png)",
  ].join("\n");
  console.log(table);

  const page = join(ROOT, "docs", "benchmarks.md");
  const text = readFileSync(page, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  if (text.includes(start) && text.includes(end)) {
    writeFileSync(page, text.slice(0, text.indexOf(start) + start.length) + "\n" + table + "\n" + text.slice(text.indexOf(end)));
    log("docs/benchmarks.md updated");
  }

  const sizes = Object.keys(npScaling).map(Number);
  const chart = lineChart([
    { label: "numpy original (one thread)", x: sizes, values: Object.values(npScaling).map((s) => s * 1000), color: "#FF6B6B" },
    { label: "ours (TypeScript)", x: sizes, values: Object.values(tsScaling).map((s) => s * 1000), color: "#2A9D8F" },
  ], { title: "Time per training epoch against the number of samples", subtitle: "RMSProp, 64 hidden units, log–log", xLabel: "samples", yLabel: "ms per epoch", xLog: true, yLog: true, width: 760, height: 400 });
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  chartPng(chart, "bench-scaling");
  const soakChart = lineChart([
    { label: "kernel RSS after each round", x: soak.rss_mb.map((_, i) => i + 1), values: soak.rss_mb, color: "#2A9D8F" },
    { label: `bound (${RSS_BOUND_MB} MB)`, x: [1, soak.rss_mb.length], values: [RSS_BOUND_MB, RSS_BOUND_MB], color: "#FF6B6B" },
  ], { title: "The kernel's memory over a long session", subtitle: `${soak.rounds} rounds of re-running the training, table and chart cells with new settings`, xLabel: "round", yLabel: "RSS (MB)", width: 760, height: 400 });
  chartPng(soakChart, "bench-soak");
  log("wrote bench/results.json, docs/bench-scaling.png and docs/bench-soak.png");
}

main().catch((e: unknown) => {
  console.error(`[bench] failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
