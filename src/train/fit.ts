import type { Dataset } from "../data/spiral";
import type { Matrix } from "../matrix";
import { RandomState } from "../random/random-state";
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

export interface FitOptions extends NetworkOptions {
  /** default: DEFAULTS.epochs (2000, as the original's §7) */
  readonly epochs?: number;
  /** called every `progressEvery` epochs and at the last one */
  readonly onProgress?: (p: Progress) => void;
  readonly progressEvery?: number;
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

/** A training run: its result, the data it was trained on and every setting it depends on. */
export interface Run extends FitResult {
  /** the optimizer's full config (after preset and defaults), then the run's settings */
  readonly runConfig: Readonly<Record<string, number | boolean | string>>;
  readonly data: Dataset;
}

/** Where a network starts: its size and its weights. */
export interface NetworkOptions {
  /** hidden units (default: DEFAULTS.hidden, 10) */
  readonly hidden?: number;
  /** seed of the weight initialisation (default: DEFAULTS.seed, 42, as the original) */
  readonly seed?: number;
  /** start from these parameters instead of a fresh initialisation (they are copied, never changed) */
  readonly initial?: MLPParams;
  /** false: the MLP's JavaScript loops instead of its WebAssembly SIMD kernels (the same numbers; to compare them) */
  readonly simd?: boolean;
  /**
   * samples per update (default: all of them, full batch, as the original). Below the number of samples m, each
   * epoch draws an order of the samples and takes ⌈m / batchSize⌉ updates on consecutive slices of it, the last one
   * smaller when batchSize does not divide m. The orders come from `new RandomState(seed)` (the weight seed, or 42
   * with `initial`), a generator of their own, one `permutation(m)` per epoch, as this numpy code draws them:
   *
   *     rng = np.random.RandomState(seed)
   *     for epoch in range(epochs):
   *         order = rng.permutation(m)
   *         for start in range(0, m, batch_size):
   *             idx = order[start:start + batch_size]   # a batch: X[:, idx], Y[:, idx]
   *
   * batchSize = m is full batch, bit for bit the run without it (no order is drawn).
   */
  readonly batchSize?: number;
}

/**
 * The original's network on one dataset, in the library's fast form: the four steps of an epoch as methods, with
 * every buffer made once. `params` are the weights the optimizer updates, in place.
 */
export interface Network {
  readonly shape: MLPShape;
  readonly data: Dataset;
  /** the seed the weights were drawn with (undefined when they were given as `initial`) */
  readonly seed: number | undefined;
  /** W1, b1, W2, b2, each a flat Float64Array (rows one after another) */
  readonly params: MLPParams;
  /** forward propagation: A2, each sample's predicted P(class 1) (one buffer, overwritten by the next call) */
  forward(): Float64Array;
  /** binary cross-entropy of A2 against the labels, as the original's `compute_loss` */
  loss(A2: Float64Array): number;
  /** the share of samples with (A2 > 0.5) equal to their label */
  accuracy(A2: Float64Array): number;
  /** backward propagation from the last forward pass: dW1, db1, dW2, db2 (buffers overwritten by the next call) */
  backward(): MLPParams;
  /** samples per update: `options.batchSize`, or all of them */
  readonly batchSize: number;
  /** updates per epoch, ⌈m / batchSize⌉ (1: full batch) */
  readonly batches: number;
  /** the current epoch's order of the samples (0 … m−1 until the first `shuffle`) */
  readonly order: Int32Array;
  /** draw the next epoch's order: the generator's next `permutation(m)` (see NetworkOptions.batchSize) */
  shuffle(): void;
  /**
   * forward and backward propagation on batch `b` (0-based) of the current order: the gradient of the batch's mean
   * loss, in buffers overwritten by the next call. Buffers for the batches are made once, nothing per call.
   */
  batchGradient(b: number): MLPParams;
  /** done: the buffers go to the next network of the same size (the library's `fit` does this); no call after */
  release(): void;
}

/** The samples `order[start … start + cols)` of X and Y, gathered into preallocated matrices (their columns). */
interface Batch {
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly ws: Workspace;
}

function makeBatch(shape: MLPShape, cols: number, simd: boolean): Batch {
  return {
    X: { rows: shape.nX, cols, data: new Float64Array(shape.nX * cols) },
    Y: { rows: shape.nY, cols, data: new Float64Array(shape.nY * cols) },
    ws: new Workspace(shape, cols, { simd }),
  };
}

function gather(data: Dataset, order: Int32Array, start: number, batch: Batch): void {
  gatherColumns(data.X, order, start, batch.X);
  gatherColumns(data.Y, order, start, batch.Y);
}

/** The columns `order[start … start + to.cols)` of `from`, copied into `to`, row by row. */
function gatherColumns(from: Matrix, order: Int32Array, start: number, to: Matrix): void {
  for (let r = 0; r < to.rows; r++) {
    const a = r * from.cols;
    const b = r * to.cols;
    for (let j = 0; j < to.cols; j++) to.data[b + j] = from.data[a + order[start + j]!]!;
  }
}

/** Build the network for `data`: check the data and the options, draw (or copy) the weights, make the buffers. */
export function network(data: Dataset, options: NetworkOptions = {}): Network {
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
  const seed = options.initial ? undefined : options.seed ?? DEFAULTS.seed;
  const start = options.initial ?? initParams(shape, seed);
  const params: MLPParams = {
    W1: Float64Array.from(start.W1),
    b1: Float64Array.from(start.b1),
    W2: Float64Array.from(start.W2),
    b2: Float64Array.from(start.b2),
  };
  const m = data.X.cols;
  const batchSize = options.batchSize === undefined ? m : checkInteger("batchSize", options.batchSize, 1, m);
  const simd = options.simd ?? true;
  const ws = new Workspace(shape, m, { simd });
  const { X, Y } = data;
  const batches = Math.ceil(m / batchSize);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  // the batches' buffers: one set for batchSize samples, and one for a smaller last batch
  const full = batches > 1 ? makeBatch(shape, batchSize, simd) : undefined;
  const rest = batches > 1 && m % batchSize !== 0 ? makeBatch(shape, m % batchSize, simd) : undefined;
  const rng = batches > 1 ? new RandomState(seed ?? DEFAULTS.seed) : undefined;
  return {
    shape, data, seed, params, batchSize, batches, order,
    forward: () => forward(params, X, ws),
    loss: (A2) => bceLoss(Y, A2, ws.terms),
    accuracy: (A2) => accuracy(Y, A2),
    backward: () => backward(params, X, Y, ws),
    shuffle() {
      rng?.permutationInto(order);
    },
    batchGradient(b) {
      if (!Number.isInteger(b) || b < 0 || b >= batches) throw new ValidationError("batch", b, `an integer in [0, ${batches - 1}]`);
      if (!full) {
        forward(params, X, ws);
        return backward(params, X, Y, ws);
      }
      const batch = b === batches - 1 && rest ? rest : full;
      gather(data, order, b * batchSize, batch);
      forward(params, batch.X, batch.ws);
      return backward(params, batch.X, batch.Y, batch.ws);
    },
    release() {
      for (const w of [ws, full?.ws, rest?.ws]) w?.release();
    },
  };
}

/**
 * A training run's record: the loss and accuracy of each epoch, and where the run diverged. `record` keeps an
 * epoch's numbers, or, when the loss or a parameter is no longer finite, sets `diverged` instead (the run should
 * stop then). `result(state)` packs the run for tables, charts and analysis.
 */
export interface TrainingLog {
  record(loss: number, accuracy: number): void;
  readonly diverged: Divergence | undefined;
  /** epochs recorded so far */
  readonly epochs: number;
  result(state: BaseState): Run;
}

/** Start the record of training `net` with `optimizer` for `epochs` epochs. */
export function trainingLog(net: Network, optimizer: Optimizer, epochs: number): TrainingLog {
  return makeLog(net, optimizer, epochs, true);
}

/**
 * The log of `trainingLog`; with `every` false it keeps only the last recorded epoch's loss and accuracy (the
 * result's histories hold that one epoch; none after a divergence), for runs of which only the end is read.
 */
function makeLog(net: Network, optimizer: Optimizer, epochs: number, every: boolean): TrainingLog {
  checkInteger("epochs", epochs, 1);
  const losses = new Float64Array(every ? epochs : 1);
  const accuracies = new Float64Array(every ? epochs : 1);
  let done = 0;
  let diverged: Divergence | undefined;
  // without every epoch: the last one, measured only if the run did not diverge (see fitLast)
  const kept = (h: Float64Array) =>
    (every ? (done === epochs ? h : h.slice(0, done)) : h.slice(0, diverged ? 0 : Math.min(done, 1)));
  return {
    record(loss, acc) {
      if (diverged || done === epochs) throw new ValidationError("record", done + 1, diverged ? "no epoch after the run diverged" : `at most ${epochs} epochs`);
      if (!Number.isFinite(loss) || !allFinite(net.params)) {
        const what = Number.isFinite(loss) ? "a parameter is no longer finite" : `the loss is ${loss}`;
        diverged = {
          epoch: done + 1,
          loss,
          message: `${labelOf(optimizer.name)} diverged at epoch ${done + 1}: ${what} (config ${JSON.stringify(optimizer.config)}); try a smaller lr`,
        };
        return;
      }
      losses[every ? done : 0] = loss;
      accuracies[every ? done : 0] = acc;
      done++;
    },
    get diverged() { return diverged; },
    get epochs() { return done; },
    result(state) {
      return {
        optimizer: optimizer.name,
        config: optimizer.config,
        shape: net.shape,
        losses: kept(losses),
        accuracies: kept(accuracies),
        params: net.params,
        state,
        ...(diverged ? { diverged } : {}),
        data: net.data,
        runConfig: {
          optimizer: optimizer.name, ...optimizer.config, epochs, hidden: net.shape.nH, samples: net.data.X.cols,
          ...(net.seed === undefined ? {} : { seed: net.seed }),
          ...(net.batches > 1 ? { batchSize: net.batchSize } : {}),
        },
      };
    },
  };
}

/**
 * Train the 2-layer MLP on `data` with any optimizer. Per epoch the original's four steps: forward, record loss
 * and accuracy, backward, update. One forward pass serves both loss and accuracy (the original runs it twice with
 * identical results). Buffers are made once; the loop allocates nothing. With `batchSize` below the number of
 * samples, steps 3 and 4 become one update per mini-batch (see NetworkOptions.batchSize); the loss and accuracy
 * recorded for an epoch are still those of the full data, before that epoch's first update. It returns numbers; printing them as the
 * original does is ./report's job. (The notebooks write this loop in a cell, without the hooks.)
 */
export function fit(data: Dataset, optimizer: Optimizer, options: FitOptions = {}): Run {
  return fitRecording(data, optimizer, options, true);
}

/**
 * `fit` for a run of which only the end is read (the seed runs' final loss and accuracy): the same run, bit for
 * bit (parameters, state, divergence, last loss and accuracy), but its histories hold only the last epoch (none
 * when it diverged).
 * It skips the loss's logarithms at the other epochs, about a fifth of an epoch's time. A diverging run still stops
 * where `fit` stops: the loss is computed whenever a prediction lies outside [0, 1], and with every prediction
 * inside, each term of the loss lies in [ln 1e-8, ln(1 + 1e-8)], so the loss is finite and the epoch is recorded.
 */
export function fitLast(data: Dataset, optimizer: Optimizer, options: FitOptions = {}): Run {
  return fitRecording(data, optimizer, options, false);
}

function fitRecording(data: Dataset, optimizer: Optimizer, options: FitOptions, everyEpoch: boolean): Run {
  const epochs = checkInteger("epochs", options.epochs ?? DEFAULTS.epochs, 1);
  const every = checkInteger("progressEvery", options.progressEvery ?? 200, 1);
  const net = network(data, options);
  const state = optimizer.init(net.params);
  const log = makeLog(net, optimizer, epochs, everyEpoch);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const A2 = net.forward();
    const measured = everyEpoch || epoch + 1 === epochs || !inUnitInterval(A2) ||
      (options.onProgress !== undefined && (epoch + 1) % every === 0);
    const loss = measured ? net.loss(A2) : 0; // 0: finite, as the loss is (see fitLast)
    const acc = measured ? net.accuracy(A2) : 0;
    log.record(loss, acc);
    if (log.diverged) break;
    if (net.batches === 1) {
      const grads = net.backward();
      optimizer.updateInto(grads, state, net.params, state, net.params);
    } else {
      net.shuffle();
      for (let b = 0; b < net.batches; b++) {
        optimizer.updateInto(net.batchGradient(b), state, net.params, state, net.params);
      }
    }
    options.onEpoch?.(epoch + 1, net.params, state);
    if ((epoch + 1) % every === 0 || epoch + 1 === epochs) options.onProgress?.({ epoch: epoch + 1, epochs, loss, accuracy: acc });
  }
  net.release();
  return log.result(state);
}

/** Whether every prediction lies in [0, 1] (false for NaN). */
function inUnitInterval(A2: Float64Array): boolean {
  for (let j = 0; j < A2.length; j++) if (!(A2[j]! >= 0 && A2[j]! <= 1)) return false;
  return true;
}

function allFinite(p: MLPParams): boolean {
  for (const name in p) {
    const a = p[name as keyof MLPParams];
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  }
  return true;
}
