/**
 * The few expressions of the adaptive rules whose last bit depends on how they are evaluated. The rules call these
 * instead of writing the arithmetic out, so that one rule computes the original notebook's numbers (`NUMPY`) or
 * PyTorch's (`TORCH`, in ./torch) to the last bit. Mathematically the two are the same.
 */
export interface Rounding {
  /** g + λ·θ (coupled weight decay) */
  addScaled(g: number, lambda: number, theta: number): number;
  /** β·E + (1 − β)·g² (a running mean of squares) */
  averageSquare(E: number, g: number, beta: number): number;
  /** β·M + (1 − β)·g (a running mean) */
  average(M: number, g: number, beta: number): number;
  /** v − m² */
  minusSquare(v: number, m: number): number;
  /** G + g² (a running sum of squares) */
  addSquare(G: number, g: number): number;
  /** θ − α·g/d */
  descend(theta: number, g: number, lr: number, d: number): number;
  /** θ − α·b */
  descendBy(theta: number, b: number, lr: number): number;
}

/** The order of operations the original notebook writes, one rounding per operation, as numpy evaluates it. */
export const NUMPY: Rounding = {
  addScaled: (g, lambda, theta) => g + lambda * theta,
  averageSquare: (E, g, beta) => beta * E + (1 - beta) * (g * g),
  average: (M, g, beta) => beta * M + (1 - beta) * g,
  minusSquare: (v, m) => v - m * m,
  addSquare: (G, g) => G + g * g,
  descend: (theta, g, lr, d) => theta - (lr / d) * g,
  descendBy: (theta, b, lr) => theta - lr * b,
};

/** Which of the two: `"numpy"` (the original notebook) or `"torch"` (torch.optim on x86-64 CPUs, see ./torch). */
export const ARITHMETIC = ["numpy", "torch"] as const;
export type Arithmetic = (typeof ARITHMETIC)[number];
