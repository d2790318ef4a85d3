/**
 * When the loss sits at the clip of its log. The original's loss is −mean(Y·log(A2 + 1e-8) + (1 − Y)·log(1 − A2 +
 * 1e-8)): a sample the network gets wrong with certainty (A2 so close to 0 or 1 that A2 + 1e-8 rounds to 1e-8)
 * costs −log(1e-8) ≈ 18.42, and no more. A run whose output saturated so (SGD at α 1000 on the spiral: every
 * sample of one class, 150 of 300) shows a finite loss, 150/300 × 18.42 ≈ 9.21, that does not move: the playground
 * says why instead of showing that number silently. Every value here comes from the library's own loss, `bceLoss`.
 */
import type { Matrix } from "../matrix";
import { bceLoss } from "../nn/mlp";

/** The loss formula at one sample, label 1, output 0: −log(0 + guard), the most one sample can cost (≈ 18.42). */
export const CLIPPED_SAMPLE_LOSS = bceLoss({ rows: 1, cols: 1, data: Float64Array.of(1) }, Float64Array.of(0));
/** The guard inside the log, read back from that loss: 1e-8. */
export const LOG_GUARD = Math.exp(-CLIPPED_SAMPLE_LOSS);
/** How the guard is written: "1e-8". */
const GUARD_TEXT = LOG_GUARD.toExponential(0);

/** A run whose final output puts samples on the clip of the log. */
export interface Saturation {
  /** samples whose loss is the clip, −log(1e-8): predicted wrongly with certainty */
  readonly clipped: number;
  readonly samples: number;
  /** the epochs the run recorded */
  readonly epochs: number;
  /** what those samples add to the (mean) loss: clipped / samples × −log(1e-8) */
  readonly clippedLoss: number;
  /** the loss of the final output, from the library's formula */
  readonly loss: number;
  /** the whole loss is the clipped samples' (the others are right with certainty): the loss cannot say more */
  readonly atClip: boolean;
  /** when `atClip`: the first epoch from which the recorded loss stays at this value, if it ends there */
  readonly since?: number;
}

/** Relative agreement taken as "equal": far below a loss's 4 printed decimals, far above float rounding. */
const SAME = 1e-9;
/** The rest of the loss, besides the clipped samples', that still counts as "at the clip" (the right samples add −log(1 + 1e-8) each). */
const REST = 1e-6;

/**
 * The clip in a run's final output `A2` (labels `Y`) and its loss history `losses`; undefined when no sample's loss
 * is at the clip. Allocates one pair of 1-element arrays, not per sample.
 */
export function saturationOf(Y: Matrix, A2: Float64Array, losses: ArrayLike<number>): Saturation | undefined {
  const m = A2.length;
  const y = { rows: 1, cols: 1, data: new Float64Array(1) };
  const a = new Float64Array(1);
  let clipped = 0;
  for (let j = 0; j < m; j++) {
    y.data[0] = Y.data[j]!;
    a[0] = A2[j]!;
    if (bceLoss(y, a) === CLIPPED_SAMPLE_LOSS) clipped++;
  }
  if (clipped === 0) return undefined;
  const loss = bceLoss(Y, A2);
  const clippedLoss = (clipped / m) * CLIPPED_SAMPLE_LOSS;
  const atClip = Math.abs(loss - clippedLoss) <= REST * clippedLoss;
  const epochs = losses.length;
  if (!atClip) return { clipped, samples: m, epochs, clippedLoss, loss, atClip };
  const same = (v: number) => Math.abs(v - loss) <= SAME * loss;
  let k = epochs;
  while (k > 0 && same(losses[k - 1]!)) k--;
  return { clipped, samples: m, epochs, clippedLoss, loss, atClip, ...(k < epochs ? { since: k + 1 } : {}) };
}

/** The loss at one clipped sample, as the readout writes it: "−log(1e-8) = 18.42". */
const perSample = () => `−log(${GUARD_TEXT}) = ${CLIPPED_SAMPLE_LOSS.toFixed(2)}`;

/**
 * What the readout says of it. At the clip: "the loss is stuck at the clip of log(1e-8): the output saturated
 * (since epoch 30). 150 of 300 samples are predicted wrongly with certainty; each costs −log(1e-8) = 18.42, and
 * 150/300 × 18.42 = 9.2103." Otherwise the share of the loss the clipped samples make.
 */
export function saturationText(s: Saturation): string {
  const share = `${s.clipped}/${s.samples} × ${CLIPPED_SAMPLE_LOSS.toFixed(2)} = ${s.clippedLoss.toFixed(4)}`;
  if (s.atClip) {
    // stuck: the recorded loss has not moved from it for two epochs or more
    const stuck = s.since !== undefined && s.since < s.epochs;
    const when = stuck ? ` (since epoch ${s.since})` : "";
    return `the loss is ${stuck ? "stuck at" : "at"} the clip of log(${GUARD_TEXT}): the output saturated${when}. ${s.clipped} of ` +
      `${s.samples} samples are predicted wrongly with certainty; each costs ${perSample()}, and ${share}.`;
  }
  return `${s.clipped} of ${s.samples} samples are at the clip of log(${GUARD_TEXT}) (predicted wrongly with ` +
    `certainty: the output saturated there); each costs ${perSample()}: ${share} of the loss ${s.loss.toFixed(4)}.`;
}

/** A short form, for a pinned run's line: "stuck at the clip of log(1e-8)". */
export function saturationShort(s: Saturation): string {
  return s.atClip ? `stuck at the clip of log(${GUARD_TEXT})` : `${s.clipped} of ${s.samples} samples at the clip of log(${GUARD_TEXT})`;
}
