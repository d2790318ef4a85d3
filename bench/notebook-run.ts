/**
 * Run-All of a notebook through nbconvert, timed, with the kernel's peak memory: what bench/run.ts (c, d) and
 * bench/deno.ts measure.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { jupyterEnv, ROOT, venvBin } from "../scripts/lib/pipeline";

export const BUILD = join(ROOT, "bench", "build");

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/** Peak resident memory (VmHWM, MB) of every process whose command line matches, sampled until `stop()`. */
export function watchPeakRss(match: (cmdline: string) => boolean): { stop: () => number } {
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

/** Run-All of a notebook through nbconvert (with `env` added to its environment); wall time (s) and the kernel's peak RSS (MB). */
export async function runAll(notebook: string, kernel: string, kernelMatch: (cmd: string) => boolean, env: NodeJS.ProcessEnv = {}): Promise<{ seconds: number; rssMb: number }> {
  const watch = watchPeakRss(kernelMatch);
  const t = performance.now();
  await new Promise<void>((resolve, reject) => {
    const p = spawn(venvBin("jupyter"), ["nbconvert", "--log-level=ERROR", "--to", "notebook", "--execute", `--ExecutePreprocessor.kernel_name=${kernel}`,
      "--ExecutePreprocessor.timeout=600", "--output-dir", BUILD, "--output", `executed-${basename(notebook, ".ipynb")}`, notebook], { env: { ...jupyterEnv(), ...env }, stdio: ["ignore", "inherit", "inherit"] });
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`nbconvert ${notebook} exited ${code}`))));
  });
  const seconds = (performance.now() - t) / 1000;
  return { seconds, rssMb: watch.stop() };
}
