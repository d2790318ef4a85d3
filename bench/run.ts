/**
 * `npm run bench`: in one run, side by side, with a warm-up and the median of REPS repetitions each:
 *  (a) the original's workload (SGD, AdaGrad, RMSProp × 2000 epochs, 300 samples): numpy original vs ours;
 *  (b) a scaled workload (30,000 samples, 64 hidden units, RMSProp), time per epoch, both single-threaded;
 *  (c) headless Run-All (jupyter nbconvert --execute) of notebooks/7_6_rmsprop.ipynb on tslab vs the original
 *      notebook rebuilt from ../shared/seed on ipykernel (plots included), both from the project venv, where
 *      `setup.sh --bench` installs numpy, matplotlib and seaborn;
 *  (d) the peak RSS of each kernel during (c), sampled from /proc every 50 ms;
 * plus time per epoch against samples (1k → 100k) for both. Writes bench/results.json, prints a Markdown table,
 * rewrites the README's Performance section and renders docs/bench-scaling.png.
 *   npm run bench [-- --reps N]
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { lineChart } from "../src/plots/line";
import { jupyterEnv, ROOT, venvBin } from "../scripts/lib/pipeline";

const BUILD = join(ROOT, "bench", "build");
const argReps = process.argv.indexOf("--reps");
const REPS = argReps > 0 ? Number(process.argv[argReps + 1]) : 5;
if (!Number.isInteger(REPS) || REPS < 1) {
  console.error(`error: invalid --reps: ${process.argv[argReps + 1]} (expected an integer >= 1)`);
  process.exit(2);
}
const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
const log = (s: string) => console.error(`[bench] ${s}`);

function json<T>(cmd: string, args: string[], env: NodeJS.ProcessEnv = ONE_THREAD): T {
  return JSON.parse(execFileSync(cmd, args, { encoding: "utf8", env, cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] })) as T;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/** Peak resident memory (VmHWM, MB) of every process whose command line matches, sampled until `stop()`. */
function watchPeakRss(match: (cmdline: string) => boolean): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
        if (!match(cmd)) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      } catch {
        // the process ended between listing and reading
      }
    }
  };
  const timer = setInterval(sample, 50);
  return { stop: () => (clearInterval(timer), sample(), peak) };
}

/** Run-All of a notebook through nbconvert; wall time (s) and the kernel's peak RSS (MB). */
async function runAll(notebook: string, kernel: string, kernelMatch: (cmd: string) => boolean): Promise<{ seconds: number; rssMb: number }> {
  const watch = watchPeakRss(kernelMatch);
  const t = performance.now();
  await new Promise<void>((resolve, reject) => {
    const p = spawn(venvBin("jupyter"), ["nbconvert", "--log-level=ERROR", "--to", "notebook", "--execute", `--ExecutePreprocessor.kernel_name=${kernel}`,
      "--ExecutePreprocessor.timeout=600", "--output-dir", BUILD, "--output", `executed-${kernel}`, notebook], { env: jupyterEnv(), stdio: ["ignore", "inherit", "inherit"] });
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`nbconvert ${notebook} exited ${code}`))));
  });
  const seconds = (performance.now() - t) / 1000;
  return { seconds, rssMb: watch.stop() };
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
  const isTslab = (c: string) => c.includes("tslab-kernel.js");
  const isIpykernel = (c: string) => c.includes("ipykernel_launcher");
  await runAll(ours, "tslab", isTslab); // warm-up (disk caches, compiled Python bytecode)
  await runAll(original, "python3", isIpykernel);
  const nbOurs: { seconds: number; rssMb: number }[] = [];
  const nbMirror: { seconds: number; rssMb: number }[] = [];
  const nbOrig: { seconds: number; rssMb: number }[] = [];
  for (let r = 0; r < REPS; r++) {
    nbOurs.push(await runAll(ours, "tslab", isTslab));
    nbMirror.push(await runAll(mirror, "tslab", isTslab));
    nbOrig.push(await runAll(original, "python3", isIpykernel));
    log(`   run ${r + 1}/${REPS}: ours ${nbOurs[r]!.seconds.toFixed(2)} s (mirror part only ${nbMirror[r]!.seconds.toFixed(2)} s), original ${nbOrig[r]!.seconds.toFixed(2)} s`);
  }

  log("scaling: time per epoch for 1k … 100k samples…");
  const npScaling = json<Record<string, number>>(PY, ["bench/numpy_bench.py", "scaling", "3"]);
  const tsScaling = json<Record<string, number>>("npx", ["--no-install", "tsx", "bench/ours.ts", "scaling", "3"]);

  const results = {
    machine,
    reps: REPS,
    seed_speedup: npSeedTotal / tsSeedTotal,
    scaled_speedup: npScaled.median_s_per_epoch / tsScaled.median_s_per_epoch,
    notebook_time_ratio: median(nbOurs.map((r) => r.seconds)) / median(nbOrig.map((r) => r.seconds)),
    mirror_notebook_time_ratio: median(nbMirror.map((r) => r.seconds)) / median(nbOrig.map((r) => r.seconds)),
    peak_rss_mb: Math.max(...nbOurs.map((r) => r.rssMb)),
    targets: { seed_speedup: ">= 10", scaled_speedup: ">= 1.5", notebook_time_ratio: "<= 1.0", peak_rss_mb: "< 400" },
    raw: {
      seed: { numpy: npSeed, ours: tsSeed },
      scaled: { numpy: npScaled, ours: tsScaled },
      notebook: { ours_s: nbOurs.map((r) => r.seconds), mirror_s: nbMirror.map((r) => r.seconds), mirror_rss_mb: nbMirror.map((r) => r.rssMb), original_s: nbOrig.map((r) => r.seconds), ours_rss_mb: nbOurs.map((r) => r.rssMb), original_rss_mb: nbOrig.map((r) => r.rssMb) },
      scaling_s_per_epoch: { numpy: npScaling, ours: tsScaling },
    },
  };
  writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");

  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  const ok = (pass: boolean) => (pass ? "✅" : "❌");
  const table = [
    `Measured on: ${machine}. Medians of ${REPS} runs after a warm-up, both sides in the same run; numpy limited to one thread.`,
    "",
    "| workload | numpy original | ours | ratio | target |",
    "|---|---|---|---|---|",
    ...Object.keys(npSeed).map((k) => `| (a) ${k}, 2000 epochs, 300 samples | ${ms(npSeed[k]!.median_s)} | ${ms(tsSeed[k]!.median_s)} | ${(npSeed[k]!.median_s / tsSeed[k]!.median_s).toFixed(1)}× faster | |`),
    `| (a) all three | ${ms(npSeedTotal)} | ${ms(tsSeedTotal)} | **${results.seed_speedup.toFixed(1)}× faster** | ≥ 10× ${ok(results.seed_speedup >= 10)} |`,
    `| (b) RMSProp, 30,000 samples, 64 hidden, per epoch | ${ms(npScaled.median_s_per_epoch)} | ${ms(tsScaled.median_s_per_epoch)} | **${results.scaled_speedup.toFixed(2)}× faster** | ≥ 1.5× ${ok(results.scaled_speedup >= 1.5)} |`,
    `| (c) notebook Run-All (nbconvert --execute) | ${median(nbOrig.map((r) => r.seconds)).toFixed(2)} s (original, ipykernel) | ${median(nbOurs.map((r) => r.seconds)).toFixed(2)} s (7_6_rmsprop, tslab) | **${results.notebook_time_ratio.toFixed(2)}×** the original's time | ≤ 1.0× ${ok(results.notebook_time_ratio <= 1)} |`,
    `| (c′) the same notebook cut before §10 (the part that mirrors the original) | ${median(nbOrig.map((r) => r.seconds)).toFixed(2)} s | ${median(nbMirror.map((r) => r.seconds)).toFixed(2)} s | ${results.mirror_notebook_time_ratio.toFixed(2)}× | (context) |`,
    `| (d) kernel peak RSS during (c) | ${Math.max(...nbOrig.map((r) => r.rssMb)).toFixed(0)} MB | ${results.peak_rss_mb.toFixed(0)} MB | | < 400 MB ${ok(results.peak_rss_mb < 400)} |`,
    "",
    "Time per epoch against the number of samples (RMSProp, 64 hidden units):",
    "",
    "| samples | " + Object.keys(npScaling).join(" | ") + " |",
    "|---|" + Object.keys(npScaling).map(() => "---").join("|") + "|",
    "| numpy | " + Object.values(npScaling).map(ms).join(" | ") + " |",
    "| ours | " + Object.values(tsScaling).map(ms).join(" | ") + " |",
    "",
    "![Time per epoch against samples](docs/bench-scaling.png)",
  ].join("\n");
  console.log(table);

  const readme = join(ROOT, "README.md");
  const text = readFileSync(readme, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  if (text.includes(start) && text.includes(end)) {
    writeFileSync(readme, text.slice(0, text.indexOf(start) + start.length) + "\n" + table + "\n" + text.slice(text.indexOf(end)));
    log("README.md Performance section updated");
  }

  const sizes = Object.keys(npScaling).map(Number);
  const chart = lineChart([
    { label: "numpy original (one thread)", x: sizes, values: Object.values(npScaling).map((s) => s * 1000), color: "#FF6B6B" },
    { label: "ours (TypeScript)", x: sizes, values: Object.values(tsScaling).map((s) => s * 1000), color: "#2A9D8F" },
  ], { title: "Time per training epoch against the number of samples", subtitle: "RMSProp, 64 hidden units, log–log", xLabel: "samples", yLabel: "ms per epoch", xLog: true, yLog: true, width: 760, height: 400 });
  const page = join(BUILD, "scaling.html");
  writeFileSync(page, `<!DOCTYPE html><html><body style="font-family: system-ui, sans-serif; margin: 16px; background: white">${chart}</body></html>`);
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  execFileSync("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--hide-scrollbars", "--window-size=800,600", `--screenshot=${join(ROOT, "docs", "bench-scaling.png")}`, `file://${page}`], { stdio: "ignore" });
  log("wrote bench/results.json and docs/bench-scaling.png");
}

main().catch((e: unknown) => {
  console.error(`[bench] failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
