/**
 * The small pieces the frameworks' variants of AdaGrad and RMSProp are made of, composed with `chain` as optax
 * composes `add_decayed_weights`, `scale_by_rms`, `scale_by_stddev` and `trace`. Each piece handles one equation;
 * the rounding of the few expressions where numpy and PyTorch differ comes from a `Rounding` (./rounding).
 */
import { elementwise, type Slots } from "./rule";
import type { Rounding } from "./rounding";
import type { LearningRate, Optimizer, SlotState } from "./types";

/** One parameter element on its way through the pieces of a chain. */
export interface Element {
  /** the gradient (weight decay adds to it) */
  g: number;
  /** the parameter; the last piece writes its new value */
  theta: number;
  /** the second-moment estimate the denominator is made of */
  v: number;
  /** the denominator the step divides by */
  d: number;
  /** the step number, from 1 */
  t: number;
  /** the effective learning rate: the step per unit of gradient */
  rate: number;
}

export interface Piece<K extends string = never> {
  /** the accumulators this piece keeps, with their starting values */
  readonly slots?: Readonly<Partial<Record<K, number>>>;
  /** its part of one update: update its slots from `e`, pass its result on in `e` */
  readonly step: (e: Element, s: Slots<K>) => void;
  /** its part of the effective learning rate, from its slots as they are (default: `step`, for pieces with no slots) */
  readonly read?: (e: Element, s: Slots<K>) => void;
}

/** g ← g + λ·θ: L2 regularisation added to the gradient (PyTorch's `weight_decay`). */
export function coupledWeightDecay(lambda: number, r: Rounding): Piece {
  return { step: (e) => void (e.g = r.addScaled(e.g, lambda, e.theta)), read: () => undefined };
}

/** E ← β·E + (1 − β)·g², starting from E₀; v = E (RMSProp's mean square, optax's `scale_by_rms`). */
export function meanSquare(beta: number, initial: number, r: Rounding): Piece<"meanSquare"> {
  return {
    slots: { meanSquare: initial },
    step: (e, s) => void (e.v = s.meanSquare = r.averageSquare(s.meanSquare, e.g, beta)),
    read: (e, s) => void (e.v = s.meanSquare),
  };
}

/** G ← G + g², starting from G₀; v = G (AdaGrad's sum of squares). */
export function sumOfSquares(initial: number, r: Rounding): Piece<"sumSquares"> {
  return {
    slots: { sumSquares: initial },
    step: (e, s) => void (e.v = s.sumSquares = r.addSquare(s.sumSquares, e.g)),
    read: (e, s) => void (e.v = s.sumSquares),
  };
}

/** M ← β·M + (1 − β)·g; v = E − M²: the variance instead of the mean square (centered; optax's `scale_by_stddev`). */
export function centered(beta: number, r: Rounding): Piece<"meanGrad"> {
  return {
    slots: { meanGrad: 0 },
    step: (e, s) => {
      s.meanGrad = r.average(s.meanGrad, e.g, beta);
      e.v = r.minusSquare(e.v, s.meanGrad);
    },
    read: (e, s) => void (e.v = r.minusSquare(e.v, s.meanGrad)),
  };
}

/** v/(1 − βᵗ): an average started at 0 is too small early on; this corrects it (Adam's m̂ and v̂). */
export function debias(v: number, beta: number, t: number): number {
  return v / (1 - beta ** t);
}

/**
 * `debias` for one β, with 1 − βᵗ computed once per step rather than once per element: the same division by the
 * same number, so the same bits, for a fraction of the cost (a power per element was a tenth of an Adam run).
 */
export function debiaser(beta: number): (v: number, t: number) => number {
  let step = 0;
  let divisor = 1;
  return (v, t) => {
    if (t !== step) {
      step = t;
      divisor = 1 - beta ** t;
    }
    return v / divisor;
  };
}

/** v ← v/(1 − βᵗ), for the mean square (optax's `bias_correction`). */
export function biasCorrection(beta: number): Piece {
  const correct = debiaser(beta);
  return { step: (e) => void (e.v = correct(e.v, e.t)) };
}

/** d = √(v + ε) with ε inside the root (the original, Keras, optax, TF1), or √v + ε (PyTorch). */
export function rootDenominator(eps: number, epsInsideSqrt: boolean): Piece {
  return { step: (e) => void (e.d = epsInsideSqrt ? Math.sqrt(e.v + eps) : Math.sqrt(e.v) + eps) };
}

/** θ ← θ − α·g/d: the step itself. */
export function descend(lr: number, r: Rounding): Piece {
  return {
    step: (e) => void (e.theta = r.descend(e.theta, e.g, lr, e.d)),
    read: (e) => void (e.rate = lr / e.d),
  };
}

/**
 * b ← μ·b + g/d;  θ ← θ − α·b: momentum on the scaled gradient (PyTorch's and optax's RMSProp momentum). Each
 * gradient is applied 1/(1 − μ) times over, so the effective learning rate is α/(d·(1 − μ)).
 */
export function momentumBuffer(mu: number, lr: number, r: Rounding): Piece<"buffer"> {
  return {
    slots: { buffer: 0 },
    step: (e, s) => {
      s.buffer = mu * s.buffer + e.g / e.d;
      e.theta = r.descendBy(e.theta, s.buffer, lr);
    },
    read: (e) => void (e.rate = lr / (e.d * (1 - mu))),
  };
}

/** A rule made of pieces applied in order to every element; the state holds the slots of the pieces used. */
export function chain<C extends LearningRate, K extends string>(name: string, config: C, pieces: readonly (Piece<K> | false)[]): Optimizer<C, SlotState<K>> {
  const used = pieces.filter((p): p is Piece<K> => p !== false);
  const e: Element = { g: 0, theta: 0, v: 0, d: 1, t: 0, rate: 0 };
  return elementwise<C, K>({
    name,
    config,
    slots: Object.assign({}, ...used.map((p) => p.slots ?? {})) as Record<K, number>,
    step(g, theta, s, t) {
      e.g = g;
      e.theta = theta;
      e.t = t;
      for (const p of used) p.step(e, s);
      return e.theta;
    },
    rate(s, t) {
      e.t = t;
      for (const p of used) (p.read ?? p.step)(e, s);
      return e.rate;
    },
  });
}
