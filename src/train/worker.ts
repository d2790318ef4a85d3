/**
 * A training thread of ./parallel: takes the next run (a shared counter), trains it with `trainOne`, posts the run
 * without its data, and wakes the caller, until no run is left. One that cannot load the library posts i = -1 and
 * takes no run.
 */
import { workerData } from "node:worker_threads";
import type { WorkerJob, WorkerResult } from "./parallel";

const job = workerData as WorkerJob;
const { configs, data, port, counters, curves } = job;
try {
  // loaded here, inside the try: a thread that cannot load the library posts why and takes no run
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { trainOne } = require("./parallel") as typeof import("./parallel");
  for (let i = Atomics.add(counters, 0, 1); i < configs.length; i = Atomics.add(counters, 0, 1)) {
    let result: WorkerResult;
    try {
      const { data: _data, ...run } = trainOne(configs[i]!, data, curves);
      result = { i, run };
    } catch (e) {
      result = { i, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    port.postMessage(result);
    Atomics.add(counters, 1, 1);
    Atomics.notify(counters, 1);
  }
} catch (e) {
  port.postMessage({ i: -1, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } satisfies WorkerResult);
  Atomics.add(counters, 1, 1);
  Atomics.notify(counters, 1);
} finally {
  port.close();
}
