/**
 * Fused multiply-add, a·b + c rounded once, for JavaScript, which has only separately rounded `*` and `+`.
 *
 * Why: PyTorch's CPU kernels (x86-64 builds with AVX2, such as Debian's torch 1.13) compute `add(x, alpha=λ)` and
 * `addcmul` with one rounding, so an optimizer that is to reproduce a torch run bit for bit must round the same way.
 *
 * How: Boldo and Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd"
 * (IEEE Trans. Computers 57(4), 2008). The product a·b is split exactly into ph + pl (Dekker with Veltkamp's split),
 * c + ph exactly into uh + ul (Knuth's TwoSum); ul + pl is then rounded *to odd*, and one last round-to-nearest gives
 * the correctly rounded a·b + c.
 *
 * Range: exact whenever nothing in between overflows or underflows: |a|, |b| below 2^995 and a·b, c either zero or
 * of magnitude at least 2^-960. Outside that range (never met by the optimizers here) it returns `a * b + c`,
 * rounded twice, and non-finite inputs follow IEEE arithmetic (NaN in, NaN out).
 */

/** 2^27 + 1: splits a double into two halves of 26 bits each whose products are exact */
const SPLITTER = 134217729;
const BIG = 2 ** 995;
const TINY = 2 ** -960;

// a double's two 32-bit halves, read and changed in place (no allocation: the epoch loop calls this)
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1; // 0x3FF00000_00000000: the high word is the non-zero one, whatever the platform's byte order
const HI = u32[0] === 0 ? 1 : 0;
const LO = 1 - HI;

/** x + y rounded to odd: if the sum is inexact, the neighbour of the exact sum whose last significand bit is 1. */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  // TwoSum: s + e = x + y exactly
  const yv = s - x;
  const e = x - (s - yv) + (y - yv);
  if (e === 0) return s;
  f64[0] = s;
  const lo = u32[LO]!;
  if ((lo & 1) === 1) return s;
  // s is even and the exact sum lies between s and its neighbour towards e: that neighbour is odd. Neighbours of a
  // double are its bit pattern ± 1; s is even, so +1 never carries, and −1 borrows from the high word only at 0.
  if ((s > 0) === (e > 0)) {
    u32[LO] = lo + 1;
  } else {
    u32[LO] = lo - 1; // wraps 0 to 0xFFFFFFFF
    if (lo === 0) u32[HI] = u32[HI]! - 1;
  }
  return f64[0]!;
}

export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  // a·b = 0 exactly, or c = 0: a single rounding already (and IEEE's signed-zero rules hold)
  if (a === 0 || b === 0 || c === 0) return p + c;
  const ap = Math.abs(p);
  const ac = Math.abs(c);
  if (!(Math.abs(a) < BIG && Math.abs(b) < BIG && ap < BIG && ac < BIG && ap >= TINY && ac >= TINY)) return p + c;
  // Dekker: p + pl = a·b exactly
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - p + ah * bl + al * bh + al * bl;
  // TwoSum: uh + ul = c + p exactly
  const uh = c + p;
  const pv = uh - c;
  const ul = c - (uh - pv) + (p - pv);
  return uh + addRoundToOdd(ul, pl);
}
