import { DEFAULTS } from "../defaults";
import { checkInteger } from "../errors";
import { MT19937 } from "./mt19937";
import type { Matrix } from "../matrix";

/**
 * A port of numpy's legacy `np.random.RandomState` for the draws the notebooks use:
 * `seed`, `random_sample`, `randn`/`standard_normal` (polar Box–Muller that caches its second value)
 * and `permutation` (Fisher–Yates from the end, masked rejection sampling).
 * Same seed → the same stream as numpy, draw for draw.
 */
export class RandomState {
  private readonly mt: MT19937;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: number = DEFAULTS.seed) {
    this.mt = new MT19937(checkSeed(seed));
  }

  /** `np.random.seed(n)`: restart the stream and forget any cached gaussian. */
  seed(seed: number): void {
    this.mt.seed(checkSeed(seed));
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** `random_sample()`: a uniform double in [0, 1). */
  randomSample(): number {
    return this.mt.nextDouble();
  }

  /** One standard normal draw, numpy's `legacy_gauss`. */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.mt.nextDouble() - 1.0;
      x2 = 2.0 * this.mt.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `randn(rows, cols)`: a matrix of standard normals, filled row-major as numpy fills it. */
  randn(rows: number, cols = 1): Matrix {
    checkInteger("rows", rows, 0);
    checkInteger("cols", cols, 0);
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = this.standardNormal();
    return { rows, cols, data };
  }

  /** A uniform integer in [0, max], numpy's `random_interval` (mask, then reject). */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new RangeError(`randomInterval supports max <= 2^32 - 1, got ${max}`);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    while ((value = (this.mt.nextUint32() & mask) >>> 0) > max);
    return value;
  }

  /** `permutation(n)`: a shuffled `arange(n)`, by numpy's legacy in-place shuffle. */
  permutation(n: number): Int32Array {
    checkInteger("n", n, 0, 0x7fffffff);
    return this.permutationInto(new Int32Array(n));
  }

  /** `permutation(out.length)` written into `out` (the same draws; nothing allocated). Returns `out`. */
  permutationInto(out: Int32Array): Int32Array {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}

function checkSeed(seed: number): number {
  return checkInteger("seed", seed, 0, 0xffffffff);
}
