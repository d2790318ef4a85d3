/**
 * Independent training runs on several threads at once, for the notebooks' grids and seed runs. Every run is
 * deterministic and on its own, so a run trained on a worker thread is bit for bit the run `train` gives here: the
 * tests compare them.
 *
 * The call stays synchronous, as a notebook cell expects. The calling thread trains too: it and the workers take
 * the next run from a shared counter, and between its own runs it takes each worker's results as they come
 * (receiveMessageOnPort), so progress callbacks run here, in order of completion. A worker lives for one call:
 * kept for the next call instead, it made 7_6's Run All no faster (its start overlaps this thread's training) and
 * its peak RSS 20 MB higher.
 *
 * How many threads: one per core by default, at most one per run; `RMSPROP_WORKERS=N` in the environment sets N
 * (1: the calling thread alone). Where a worker cannot start or load the library (e.g. the library running from
 * its TypeScript source), the calling thread trains every run itself.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { Dataset } from "../data/spiral";
import { ValidationError } from "../errors";
import { prepare, train, type Run, type RunConfig } from "./experiments";
import { fitLast } from "./fit";

/** What a worker sends back for run `i`: the run without its data (the caller has it), or why it failed. */
export type WorkerResult = { readonly i: number; readonly run: Omit<Run, "data"> } | { readonly i: number; readonly error: string };

/** What a worker is started with (see ./worker). */
export interface WorkerJob {
  readonly configs: readonly RunConfig[];
  readonly data: Dataset;
  readonly port: MessagePort;
  /** [runs taken, results posted] */
  readonly counters: Int32Array;
  /** false: keep only each run's last epoch (see trainOne) */
  readonly curves: boolean;
}

/**
 * One run of trainAll: `train`'s; with `curves` false the same run by `fitLast`, bit for bit, with only its last
 * epoch's loss and accuracy kept (faster; for runs of which only the end is read).
 */
export function trainOne(config: RunConfig, data: Dataset, curves = true): Run {
  if (curves) return train(config, {}, data);
  const p = prepare(config, data);
  return { ...fitLast(p.data, p.optimizer, p.options), data: p.data, runConfig: p.runConfig };
}

/**
 * The compiled worker script, next to this file; undefined when this file runs from its TypeScript source, or in
 * Deno, whose worker threads load ES modules only (the compiled library is CommonJS).
 */
function workerScript(): string | undefined {
  const file = join(__dirname, "worker.js");
  const deno = "Deno" in globalThis;
  return !deno && __filename.endsWith(".js") && existsSync(file) ? file : undefined;
}

/**
 * How many threads train `runs` runs, the calling thread included: `RMSPROP_WORKERS` if set (1: the calling thread
 * alone), else one per core; at most one per run.
 */
export function workerCount(runs: number, env = process.env.RMSPROP_WORKERS): number {
  if (env !== undefined && env !== "") {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1) throw new ValidationError("RMSPROP_WORKERS", env, "an integer >= 1");
    return Math.max(1, Math.min(n, runs));
  }
  return Math.max(1, Math.min(availableParallelism(), runs));
}

/** How many runs trainAll has trained on worker threads and on the calling thread, since the library loaded. */
const usage = { onWorkers: 0, here: 0 };
export function parallelUsage(): { readonly onWorkers: number; readonly here: number } {
  return { ...usage };
}

/**
 * Train every config on `data`, on `workerCount` threads (the calling one and workers). Returns the runs in the
 * order of `configs`; `onRun(done, total, run, i)` is called here as each run finishes. Settings are validated
 * before any thread starts, so a bad one throws the library's ValidationError, as `train` would.
 */
export function trainAll(configs: readonly RunConfig[], data: Dataset,
  onRun?: (done: number, total: number, run: Run, i: number) => void): Run[] {
  return trainRuns(configs, data, onRun, true);
}

/** trainAll, or with `curves` false every run as trainOne trains it then (only its last epoch kept). */
export function trainRuns(configs: readonly RunConfig[], data: Dataset,
  onRun: ((done: number, total: number, run: Run, i: number) => void) | undefined, curves: boolean): Run[] {
  for (const c of configs) prepare(c, data); // throws on bad settings before any work
  const threads = workerCount(configs.length);
  const script = threads > 1 ? workerScript() : undefined;
  const counters = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const channels = script ? Array.from({ length: threads - 1 }, () => new MessageChannel()) : [];
  const workers = channels.flatMap((ch) => {
    const job: WorkerJob = { configs, data, port: ch.port2, counters, curves };
    try {
      const w = new Worker(script!, { workerData: job, transferList: [ch.port2], execArgv: [] });
      w.unref(); // an interrupted cell leaves no thread keeping the kernel busy: each stops after its current run
      w.on("error", () => undefined); // a worker that cannot start takes no run: this thread trains them
      return [w];
    } catch {
      return []; // a runtime without worker threads: this thread trains the runs
    }
  });
  const runs: Run[] = new Array(configs.length);
  let done = 0;
  const finish = (run: Run, i: number) => {
    runs[i] = run;
    done++;
    onRun?.(done, configs.length, run, i);
  };
  const receive = () => {
    for (const ch of channels) {
      for (let m = receiveMessageOnPort(ch.port1); m; m = receiveMessageOnPort(ch.port1)) {
        const r = m.message as WorkerResult;
        if (r.i < 0) continue; // that worker trains nothing; the others and this thread do
        if ("error" in r) throw new Error(`training run ${r.i} on a worker thread failed: ${r.error}`);
        usage.onWorkers++;
        finish({ ...r.run, data }, r.i);
      }
    }
  };
  try {
    for (let i = Atomics.add(counters, 0, 1); i < configs.length; i = Atomics.add(counters, 0, 1)) {
      const run = trainOne(configs[i]!, data, curves);
      usage.here++;
      finish(run, i);
      receive();
    }
    while (done < configs.length) {
      const posted = Atomics.load(counters, 1);
      receive();
      if (done === configs.length) break;
      Atomics.wait(counters, 1, posted, 100); // until a worker posts a result (or 100 ms, to check again)
    }
    return runs;
  } finally {
    Atomics.store(counters, 0, configs.length); // no more runs to take
    for (const w of workers) void w.terminate();
    for (const ch of channels) ch.port1.close();
  }
}
