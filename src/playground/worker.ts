/**
 * The playground's training thread (a Web Worker made from a Blob by ./page): the library's own `train`, on the
 * original's spiral, reporting the loss as it goes. Bundled from these sources by scripts/build-playground.ts.
 */
import { generateSpiralData } from "../data/spiral";
import { ValidationError } from "../errors";
import { gridAround, predictGrid } from "../nn/predict";
import { train } from "../train/experiments";
import { PROGRESS_EVERY, SPIRAL, type TrainReply, type TrainRequest } from "./protocol";

/** The part of a worker's global scope used here (the project's type-check has the DOM's types, not a worker's). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<TrainRequest>) => void) | null;
  postMessage(message: TrainReply, transfer?: Transferable[]): void;
};

const data = generateSpiralData(SPIRAL);
const area = gridAround(data.X, 60);

scope.onmessage = (e) => {
  const { id, config } = e.data;
  const epochs: number[] = [];
  const losses: number[] = [];
  try {
    const run = train(config, {
      data,
      progressEvery: PROGRESS_EVERY,
      onProgress: (p) => {
        epochs.push(p.epoch);
        losses.push(p.loss);
        scope.postMessage({ id, kind: "progress", epochs, losses });
      },
    });
    // a diverged run's parameters are not finite: it gets its message, not a boundary
    const done: TrainReply = run.diverged
      ? { id, kind: "done", config, losses: run.losses, accuracies: run.accuracies, diverged: run.diverged.message }
      : { id, kind: "done", config, losses: run.losses, accuracies: run.accuracies, grid: predictGrid(run.params, run.shape, area) };
    scope.postMessage(done, [run.losses.buffer, run.accuracies.buffer]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage({ id, kind: "error", message, ...(err instanceof ValidationError ? { parameter: err.parameter } : {}) });
  }
};
