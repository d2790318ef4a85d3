import type { Dataset } from "../data/spiral";
import { DEFAULTS } from "../defaults";
import { ValidationError, checkInteger } from "../errors";
import { accuracy, backward, bceLoss, checkData, checkShape, forward, initParams, paramShapes, PARAM_NAMES, Workspace, type MLPParams, type MLPShape } from "../nn/mlp";
import type { OptimizerConfig } from "../optim/index";
import { labelOf } from "../optim/options";
import type { BaseState, Optimizer } from "../optim/types";

export interface Progress {
  /** 1-based epoch just finished */
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface FitOptions {
  /** default: DEFAULTS.epochs (2000, as the original's §7) */
  readonly epochs?: number;
  /** hidden units (default: DEFAULTS.hidden, 10) */
  readonly hidden?: number;
  /** seed of the weight initialisation (default: DEFAULTS.seed, 42, as the original) */
  readonly seed?: number;
  /** start from these parameters instead of a fresh initialisation (they are copied, never changed) */
  readonly initial?: MLPParams;
  /** called every `progressEvery` epochs and at the last one */
  readonly onProgress?: (p: Progress) => void;
  readonly progressEvery?: number;
  /** false: the MLP's JavaScript loops instead of its WebAssembly SIMD kernels (the same numbers; to compare them) */
  readonly simd?: boolean;
  /** called after every update with the new parameters and optimizer state (read them; do not keep or change them) */
  readonly onEpoch?: (epoch: number, params: Readonly<MLPParams>, state: BaseState) => void;
}

export interface Divergence {
  readonly epoch: number;
  readonly loss: number;
  readonly message: string;
}

export interface FitResult {
  readonly optimizer: string;
  readonly config: Readonly<OptimizerConfig>;
  readonly shape: MLPShape;
  /** loss and accuracy recorded at each epoch before that epoch's update, as the original records them */
  readonly losses: Float64Array;
  readonly accuracies: Float64Array;
  readonly params: MLPParams;
  readonly state: BaseState;
  /** set when a loss or a parameter stopped being finite; the histories end at the epoch before */
  readonly diverged?: Divergence;
}

/**
 * Train the 2-layer MLP on `data` with any optimizer. Per epoch: forward, record loss and accuracy, backward,
 * update — the original's order. One forward pass serves both loss and accuracy (the original runs it twice
 * with identical results). Buffers are made once; the loop allocates nothing. It returns numbers; printing them as
 * the original does is ./report's job.
 */
export function fit(data: Dataset, optimizer: Optimizer, options: FitOptions = {}): FitResult {
  const epochs = checkInteger("epochs", options.epochs ?? DEFAULTS.epochs, 1);
  const every = checkInteger("progressEvery", options.progressEvery ?? 200, 1);
  const initialHidden = options.initial?.b1.length;
  if (options.hidden !== undefined && initialHidden !== undefined && options.hidden !== initialHidden) {
    throw new ValidationError("hidden", options.hidden, `${initialHidden} (the size of initial.b1)`);
  }
  const shape = checkShape({ nX: data.X.rows, nH: options.hidden ?? initialHidden ?? DEFAULTS.hidden, nY: data.Y.rows });
  checkData(shape, data.X, data.Y);
  if (options.initial) {
    const shapes = paramShapes(shape);
    for (const name of PARAM_NAMES) {
      const [r, c] = shapes[name];
      const got = options.initial[name].length;
      if (got !== r * c) throw new ValidationError(`initial.${name}`, `length ${got}`, `${r}×${c} = ${r * c} values for ${shape.nX} inputs and ${shape.nH} hidden units`);
    }
  }
  const start = options.initial ?? initParams(shape, options.seed ?? DEFAULTS.seed);
  const params: MLPParams = {
    W1: Float64Array.from(start.W1),
    b1: Float64Array.from(start.b1),
    W2: Float64Array.from(start.W2),
    b2: Float64Array.from(start.b2),
  };
  const ws = new Workspace(shape, data.X.cols, { simd: options.simd ?? true });
  const state = optimizer.init(params);
  const losses = new Float64Array(epochs);
  const accuracies = new Float64Array(epochs);
  const { X, Y } = data;

  let done = 0;
  let diverged: Divergence | undefined;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const A2 = forward(params, X, ws);
    const loss = bceLoss(Y, A2, ws.terms);
    if (!Number.isFinite(loss) || !allFinite(params)) {
      const what = Number.isFinite(loss) ? "a parameter is no longer finite" : `the loss is ${loss}`;
      diverged = {
        epoch: epoch + 1,
        loss,
        message: `${labelOf(optimizer.name)} diverged at epoch ${epoch + 1}: ${what} (config ${JSON.stringify(optimizer.config)}); try a smaller lr`,
      };
      break;
    }
    const acc = accuracy(Y, A2);
    losses[epoch] = loss;
    accuracies[epoch] = acc;
    done = epoch + 1;
    const grads = backward(params, X, Y, ws);
    optimizer.updateInto(grads, state, params, state, params);
    options.onEpoch?.(done, params, state);
    if (done % every === 0 || done === epochs) {
      options.onProgress?.({ epoch: done, epochs, loss, accuracy: acc });
    }
  }
  return {
    optimizer: optimizer.name,
    config: optimizer.config,
    shape,
    losses: done === epochs ? losses : losses.slice(0, done),
    accuracies: done === epochs ? accuracies : accuracies.slice(0, done),
    params,
    state,
    ...(diverged ? { diverged } : {}),
  };
}

function allFinite(p: MLPParams): boolean {
  for (const name in p) {
    const a = p[name as keyof MLPParams];
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  }
  return true;
}
