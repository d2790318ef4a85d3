/**
 * The output layer's σ for one z = Z2 + b2, as the original's `sigmoid`: z clipped to [−500, 500] (NaN stays NaN),
 * then 1 / (1 + exp(−z)). ./mlp.ts's forward runs it in JavaScript; ./simd.ts checks its WebAssembly port against it.
 */
export function sigmoid(z: number): number {
  const clipped = z < -500 ? -500 : z > 500 ? 500 : z;
  return 1 / (1 + Math.exp(-clipped));
}
