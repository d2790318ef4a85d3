import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fma } from "../src/fma";

/** A finite double as an exact integer times a power of two. */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? { m: sign * frac, e: -1074 } : { m: sign * (frac | (1n << 52n)), e: exp - 1075 };
}

/** a·b + c computed exactly with BigInt, rounded once to the nearest double (ties to even): the reference fma. */
function exactFma(a: number, b: number, c: number): number {
  const A = decompose(a);
  const B = decompose(b);
  const C = decompose(c);
  let pm = A.m * B.m;
  let pe = A.e + B.e;
  let cm = C.m;
  let ce = C.e;
  const e = Math.min(pe, ce);
  pm <<= BigInt(pe - e);
  cm <<= BigInt(ce - e);
  pe = ce = e;
  const n = pm + cm;
  if (n === 0n) return a * b + c; // the sign of an exact zero follows IEEE's rule, which + also applies
  const neg = n < 0n;
  let mag = neg ? -n : n;
  let exp = e;
  const bitLength = mag.toString(2).length;
  if (bitLength > 53) {
    const shift = BigInt(bitLength - 53);
    const q = mag >> shift;
    const r = mag - (q << shift);
    const half = 1n << (shift - 1n);
    mag = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
    exp += Number(shift);
  }
  const v = Number(mag) * 2 ** exp; // exact: mag ≤ 2^53 and the results tested stay in the normal range
  return neg ? -v : v;
}

const same = (x: number, y: number) => Object.is(x, y);

test("fma rounds once: hand-made cases where a·b + c rounded twice is wrong", () => {
  const u = 2 ** -52;
  // (1 + u)(1 − u) = 1 − u²: the product alone rounds to 1, so a·b − 1 gives 0, the fused result −u²
  assert.is(fma(1 + u, 1 - u, -1), -(u * u));
  assert.is((1 + u) * (1 - u) - 1, 0);
  // 0.1·10 − 1: the product rounds to exactly 1, the fused value keeps 0.1's representation error
  assert.is(fma(0.1, 10, -1), 5.551115123125783e-17);
  assert.is(fma(2, 3, 4), 10);
  // a·b = 2^-53·(1 + 2^-78): c + a·b sits just above the tie between 1 and 1 + 2^-52, so the fused result is
  // 1 + 2^-52. Adding the two error terms with an ordinary rounding lands exactly on the tie and gives 1: this is
  // the case the round-to-odd step exists for.
  assert.is(fma(1 + 2 ** -26, (1 - 2 ** -26 + 2 ** -52) * 2 ** -53, 1), 1 + 2 ** -52);
  // the mirror image, a·b = 2^-53·(1 − 2^-78): just below the tie, so 1. Rounding 2^-53 − 2^-131 to odd steps down
  // from a power of two, where the low 32 bits of the pattern are 0 and the step borrows from the high word
  assert.is(fma(1 - 2 ** -26, (1 + 2 ** -26 + 2 ** -52) * 2 ** -53, 1), 1);
  assert.ok(Object.is(fma(-0, 1, 0), 0) && Object.is(fma(-0, 1, -0), -0) && Object.is(fma(1, 0, -0), 0));
  assert.ok(Number.isNaN(fma(NaN, 1, 1)) && fma(Infinity, 2, 1) === Infinity);
});

test("fma equals the exactly computed, once-rounded a·b + c on 200,000 random triples across magnitudes", () => {
  const scale = (i: number) => 2 ** ((i % 61) - 30);
  let differ = 0;
  let state = 12345;
  const rand = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = 0; i < 200_000; i++) {
    const a = (rand() * 2 - 1) * scale(i);
    const b = (rand() * 2 - 1) * scale(i * 7 + 3);
    // c near −a·b half of the time: heavy cancellation, where a separately rounded product loses everything
    const c = i % 2 === 0 ? -(a * b) * (1 + (rand() - 0.5) * 2 ** -40) : (rand() * 2 - 1) * scale(i * 13 + 5);
    const want = exactFma(a, b, c);
    const got = fma(a, b, c);
    if (!same(got, want)) assert.unreachable(`fma(${a}, ${b}, ${c}) = ${got}, exact ${want}`);
    if (!same(a * b + c, want)) differ++;
  }
  // the reference must be able to tell the two apart, or the test above would prove nothing
  assert.ok(differ > 10_000, `a·b + c differed from the exact result only ${differ} times`);
});

test("fma matches the reference for arbitrary doubles in its exact range (fast-check)", () => {
  const dbl = fc.double({ min: -(2 ** 400), max: 2 ** 400, noNaN: true, noDefaultInfinity: true })
    .filter((x) => x === 0 || Math.abs(x) > 2 ** -400);
  fc.assert(fc.property(dbl, dbl, dbl, (a, b, c) => {
    const p = Math.abs(a * b);
    fc.pre(p === 0 || (p > 2 ** -900 && p < 2 ** 900));
    return same(fma(a, b, c), exactFma(a, b, c));
  }), { numRuns: 20_000, seed: 7 });
});

test.run();
