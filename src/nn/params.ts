/** The network's shape and parameters, shared by ./mlp (the training kernels) and ./simd (their SIMD part). */

/** Layer sizes: input n_x → hidden n_h (ReLU) → output n_y (sigmoid). */
export interface MLPShape {
  readonly nX: number;
  readonly nH: number;
  readonly nY: number;
}

export const PARAM_NAMES = ["W1", "b1", "W2", "b2"] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

/** The four parameter arrays, row-major: W1 n_h×n_x, b1 n_h×1, W2 n_y×n_h, b2 n_y×1. */
export type MLPParams = Record<ParamName, Float64Array>;

export function paramShapes(shape: MLPShape): Record<ParamName, readonly [number, number]> {
  return { W1: [shape.nH, shape.nX], b1: [shape.nH, 1], W2: [shape.nY, shape.nH], b2: [shape.nY, 1] };
}
