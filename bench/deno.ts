/**
 * The bench's Deno rows: notebooks/7_6_rmsprop.ipynb on Deno's kernel against the original on ipykernel, with the
 * tslab kernel's figures from the same run beside them:
 *  (c‴) Run-All through nbconvert, Deno's kernel, tslab's and the original's alternating (peak RSS of each kernel);
 *  (e′) time to first output, a fresh Deno kernel plus the notebook's first code cell against ipykernel plus the
 *       original's §1 cell, alternating (bench/first_output.py deno).
 * `npm run bench` adds these rows to its table; alone, `npx tsx bench/deno.ts [REPS]` prints them and their JSON
 * (after `bash scripts/setup.sh --bench`).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { jupyterEnv, ROOT, venvBin } from "../scripts/lib/pipeline";
import { BUILD, median, runAll } from "./notebook-run";

type Side = { start_s: number[]; cell_s: number[]; total_s: number[] };
type Run = { seconds: number; rssMb: number };

export interface DenoBench {
  run_all: { deno: Run[]; tslab: Run[]; original: Run[] };
  first_output: { deno: Side; original: Side; tslab?: Side };
  notebook_time_ratio: number;
  first_output_ratio: number;
}

const isDeno = (c: string) => /\bdeno jupyter --kernel\b/.test(c);
const isTslab = (c: string) => c.includes("tslab-kernel.js");
const isIpykernel = (c: string) => c.includes("ipykernel_launcher");

/** First output on `kernel` against the original, alternating (bench/first_output.py). */
function firstOutput(reps: number, kernel: string): { ours: Side; original: Side } {
  return JSON.parse(execFileSync(venvBin("python"), ["bench/first_output.py", String(reps), kernel],
    { encoding: "utf8", env: jupyterEnv(), cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] })) as { ours: Side; original: Side };
}

/**
 * Measure the Deno rows. `original` is the original notebook rebuilt by bench/seed_notebook.py; `tslabFirst`, the
 * tslab kernel's first-output figures when the caller has them (else they are measured here too).
 */
export async function denoBench(reps: number, original: string, log: (s: string) => void, tslabFirst?: Side): Promise<DenoBench> {
  const ours = join(ROOT, "notebooks", "7_6_rmsprop.ipynb");
  log("(c‴) 7_6's Run-All on Deno's kernel, tslab's and the original's, alternating…");
  await runAll(ours, "deno", isDeno); // warm-up: Deno's cache of the library's modules
  const run_all = { deno: [] as Run[], tslab: [] as Run[], original: [] as Run[] };
  for (let r = 0; r < reps; r++) {
    run_all.deno.push(await runAll(ours, "deno", isDeno));
    run_all.tslab.push(await runAll(ours, "tslab", isTslab));
    run_all.original.push(await runAll(original, "python3", isIpykernel));
    log(`   run ${r + 1}/${reps}: Deno ${run_all.deno[r]!.seconds.toFixed(2)} s, tslab ${run_all.tslab[r]!.seconds.toFixed(2)} s, ` +
      `original ${run_all.original[r]!.seconds.toFixed(2)} s`);
  }
  log("(e′) time to first output on Deno's kernel, alternating with the original…");
  const deno = firstOutput(reps, "deno");
  const tslab = tslabFirst ?? firstOutput(reps, "tslab").ours;
  const seconds = (runs: Run[]) => median(runs.map((r) => r.seconds));
  return {
    run_all,
    first_output: { deno: deno.ours, original: deno.original, tslab },
    notebook_time_ratio: seconds(run_all.deno) / seconds(run_all.original),
    first_output_ratio: median(deno.ours.total_s) / median(deno.original.total_s),
  };
}

/** The table rows (same columns as bench/run.ts's table: workload, original, ours, ratio, target). */
export function denoRows(b: DenoBench): string[] {
  const s = (xs: number[]) => `${median(xs).toFixed(2)} s`;
  const secs = (runs: Run[]) => runs.map((r) => r.seconds);
  const rss = (runs: Run[]) => `${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB`;
  const f = b.first_output;
  return [
    `| (c‴) 7_6's Run-All on Deno's kernel (nbconvert --execute) | ${s(secs(b.run_all.original))} (peak RSS ${rss(b.run_all.original)}) | ` +
      `${s(secs(b.run_all.deno))} on Deno, peak RSS ${rss(b.run_all.deno)} (tslab in the same run: ${s(secs(b.run_all.tslab))}, ${rss(b.run_all.tslab)}) | ` +
      `**${b.notebook_time_ratio.toFixed(2)}×** the original's time | (context) |`,
    `| (e′) time to first output on Deno's kernel: fresh kernel + first code cell | ${s(f.original.total_s)} (ipykernel + §1) | ` +
      `${s(f.deno.total_s)} on Deno (start ${s(f.deno.start_s)}, cell ${s(f.deno.cell_s)})` +
      `${f.tslab ? `; tslab ${s(f.tslab.total_s)} (start ${s(f.tslab.start_s)}, cell ${s(f.tslab.cell_s)})` : ""} | ` +
      `**${b.first_output_ratio.toFixed(2)}×** the original's time | (context) |`,
  ];
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 3);
  if (!Number.isInteger(reps) || reps < 1) {
    console.error(`error: invalid REPS: ${process.argv[2]} (expected an integer >= 1)`);
    process.exit(2);
  }
  mkdirSync(BUILD, { recursive: true });
  const original = join(BUILD, "original.ipynb");
  execFileSync(venvBin("python"), ["bench/seed_notebook.py", original], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  const b = await denoBench(reps, original, (s) => console.error(`[bench] ${s}`));
  console.log(`Measured on: ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${cpus().length} cores; medians of ${reps} runs after a warm-up.\n`);
  console.log(denoRows(b).join("\n"));
  console.log(JSON.stringify(b));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`[bench] failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
