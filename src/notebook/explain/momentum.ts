/**
 * Numbers 7_4_sgd_with_momentum.ipynb prints in §3 and states in its markdown (the sentences live in the notebook).
 * §5's and §6's numbers come from public helpers (`signChanges`, `relativeGap`, `last`) in the cells themselves.
 */

function mean(a: ArrayLike<number>, from = 0): number {
  let s = 0;
  for (let i = from; i < a.length; i++) s += a[i]!;
  return s / (a.length - from);
}
function deviation(a: ArrayLike<number>, from = 0): number {
  const m = mean(a, from);
  let s = 0;
  for (let i = from; i < a.length; i++) s += (a[i]! - m) ** 2;
  return Math.sqrt(s / (a.length - from));
}

/** One β's exponentially weighted average of §3's gradients, in numbers. */
export type AverageRow = {
  readonly "β": number;
  /** 1/(1 − β): how many recent values the average remembers, roughly */
  readonly "memory (steps)": number;
  /** the average's standard deviation from step 151 on, when even β = 0.98's start-up weight is below 5% */
  readonly "std from step 151": number;
  /** the average at step 5, and the same divided by 1 − β⁵ */
  readonly "v at step 5": number;
  readonly "bias-corrected": number;
};

/** §3: the gradients' mean and standard deviation, and what averaging with each β does to them (one row per β). */
export function averages(
  gradients: ArrayLike<number>, smooth: readonly { beta: number; v: ArrayLike<number>; vHat: ArrayLike<number> }[],
): { mean: number; deviation: number; rows: AverageRow[] } {
  return {
    mean: mean(gradients),
    deviation: deviation(gradients),
    rows: smooth.map((s) => ({
      "β": s.beta,
      "memory (steps)": 1 / (1 - s.beta),
      "std from step 151": deviation(s.v, 150),
      "v at step 5": s.v[4]!,
      "bias-corrected": s.vHat[4]!,
    })),
  };
}
