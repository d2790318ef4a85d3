/**
 * Independent training runs on worker threads, one per core, for the grids of the analysis (§10.2's 35 runs,
 * §10.3's 9). Every run is deterministic and on its own, so a run trained on a worker is bit for bit the run
 * `train` gives here: the tests compare them.
 *
 * The call stays synchronous, as a notebook cell expects: the calling thread sleeps on a shared counter
 * (Atomics.wait) and takes each result as it comes (receiveMessageOnPort), so progress callbacks still run here, in
 * order of completion. With one core, one run, `RMSPROP_WORKERS=1`, or where a worker cannot start (e.g. the
 * library running from its TypeScript source), the runs are trained here, one after the other.
 *
 * Not by default in a process started from a V8 start-up snapshot, as the notebooks' kernel is: Node starts each
 * worker there without its built-in snapshot, and measured in the kernel two workers took 85 MB more for the
 * length of a grid (13 MB without the snapshot). For 7_6's Run All that is 0.8 s faster (9.3 s against 10.1 s)
 * and a peak of 394 MB instead of 336 MB, over the kernel's 350 MB bound. `RMSPROP_WORKERS=2` (or more) in the
 * kernel's environment uses them anyway.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { Dataset } from "../data/spiral";
import { ValidationError } from "../errors";
import { prepare, train, type Run, type RunConfig } from "./experiments";

/** What a worker sends back for run `i`: the run without its data (the caller has it), or why it failed. */
export type WorkerResult = { readonly i: number; readonly run: Omit<Run, "data"> } | { readonly i: number; readonly error: string };

/** What a worker is started with (see ./worker). */
export interface WorkerJob {
  readonly configs: readonly RunConfig[];
  readonly data: Dataset;
  readonly port: MessagePort;
  /** [runs taken, results posted, workers started] */
  readonly counters: Int32Array;
}

/** The compiled worker script, next to this file; undefined when this file runs from its TypeScript source. */
function workerScript(): string | undefined {
  const file = join(__dirname, "worker.js");
  return __filename.endsWith(".js") && existsSync(file) ? file : undefined;
}

/**
 * How many threads to train `runs` runs on: `RMSPROP_WORKERS` if set (1 = none); else one per core, or none in a
 * process started from a start-up snapshot (see above); at most one per run.
 */
export function workerCount(runs: number, env = process.env.RMSPROP_WORKERS, execArgv = process.execArgv): number {
  if (env !== undefined && env !== "") {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1) throw new ValidationError("RMSPROP_WORKERS", env, "an integer >= 1");
    return Math.min(n, runs);
  }
  const fromSnapshot = execArgv.some((a) => a === "--snapshot-blob" || a.startsWith("--snapshot-blob="));
  return Math.min(fromSnapshot ? 1 : availableParallelism(), runs);
}

/** How many runs trainAll has trained on worker threads and on the calling thread, since the library loaded. */
const usage = { onWorkers: 0, here: 0 };
export function parallelUsage(): { readonly onWorkers: number; readonly here: number } {
  return { ...usage };
}

/** How long to wait for a worker to start before training here instead. */
const START_TIMEOUT_MS = 10_000;

/**
 * Train every config on `data`, on worker threads where there is more than one core. Returns the runs in the
 * order of `configs`; `onRun(done, total, run, i)` is called here as each run finishes. Settings are validated
 * before any thread starts, so a bad one throws the library's ValidationError, as `train` would.
 */
export function trainAll(configs: readonly RunConfig[], data: Dataset,
  onRun?: (done: number, total: number, run: Run, i: number) => void): Run[] {
  for (const c of configs) prepare(c, data); // throws on bad settings before any work
  const threads = workerCount(configs.length);
  const script = workerScript();
  if (threads > 1 && script) {
    const runs = trainOnWorkers(configs, data, threads, script, onRun);
    if (runs) {
      usage.onWorkers += runs.length;
      return runs;
    }
  }
  return configs.map((c, i) => {
    const run = train(c, {}, data);
    usage.here++;
    onRun?.(i + 1, configs.length, run, i);
    return run;
  });
}

/** The worker pool; undefined when no worker started in time (the caller then trains here). */
function trainOnWorkers(configs: readonly RunConfig[], data: Dataset, threads: number, script: string,
  onRun?: (done: number, total: number, run: Run, i: number) => void): Run[] | undefined {
  const counters = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const channels = Array.from({ length: threads }, () => new MessageChannel());
  const workers = channels.map((ch) => {
    const job: WorkerJob = { configs, data, port: ch.port2, counters };
    const w = new Worker(script, { workerData: job, transferList: [ch.port2], execArgv: [] });
    w.unref(); // an interrupted cell leaves no thread keeping the kernel busy: each stops after its current run
    return w;
  });
  const runs: Run[] = new Array(configs.length);
  let done = 0;
  try {
    const started = Date.now();
    while (done < configs.length) {
      const posted = Atomics.load(counters, 1);
      for (const ch of channels) {
        for (let m = receiveMessageOnPort(ch.port1); m; m = receiveMessageOnPort(ch.port1)) {
          const r = m.message as WorkerResult;
          if ("error" in r) throw new Error(`training run ${r.i} on a worker thread failed: ${r.error}`);
          const run: Run = { ...r.run, data };
          runs[r.i] = run;
          done++;
          onRun?.(done, configs.length, run, r.i);
        }
      }
      if (done === configs.length) break;
      if (Atomics.load(counters, 2) === 0 && Date.now() - started > START_TIMEOUT_MS) return undefined;
      Atomics.wait(counters, 1, posted, 100); // until a result is posted (or 100 ms, to check again)
    }
    return runs;
  } finally {
    Atomics.store(counters, 0, configs.length); // no more runs to take
    for (const w of workers) void w.terminate();
    for (const ch of channels) ch.port1.close();
  }
}
