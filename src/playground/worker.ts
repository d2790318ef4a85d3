/**
 * The playground's training thread (a Web Worker made from a Blob by ./page): the library's own `train`, on the
 * original's spiral, reporting the loss as it goes. Bundled from these sources by scripts/build-playground.ts.
 */
import { generateSpiralData } from "../data/spiral";
import { ValidationError } from "../errors";
import { forward, Workspace } from "../nn/mlp";
import { gridAround, predictGrid } from "../nn/predict";
import { train } from "../train/experiments";
import { PROGRESS_EVERY, SPIRAL, type TrainReply, type TrainRequest } from "./protocol";
import { saturationOf } from "./saturation";

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
    const { losses: l, accuracies } = run;
    let done: TrainReply;
    if (run.diverged) done = { id, kind: "done", config, losses: l, accuracies, diverged: run.diverged.message };
    else {
      // the final output on the data: does the loss sit at the clip of its log?
      const saturation = saturationOf(data.Y, forward(run.params, data.X, new Workspace(run.shape, data.X.cols)), l);
      const grid = predictGrid(run.params, run.shape, area);
      done = { id, kind: "done", config, losses: l, accuracies, grid, ...(saturation ? { saturation } : {}) };
    }
    scope.postMessage(done, [run.losses.buffer, run.accuracies.buffer]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage({ id, kind: "error", message, ...(err instanceof ValidationError ? { parameter: err.parameter } : {}) });
  }
};
