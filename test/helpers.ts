import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as assert from "uvu/assert";
import { fromNested, type Matrix } from "../src/matrix";

export const ROOT = join(__dirname, "..");

type Nested = number[][];
interface History { losses: number[]; accuracies: number[]; params: Record<"W1" | "b1" | "W2" | "b2", Nested> }
export interface OriginalFixture {
  numpy_version: string;
  cell_stdout: string[];
  rng: {
    seed42_random_sample_10: number[];
    seed42_randn_7: number[];
    seed42_randn_3x4: Nested;
    seed42_permutation_10: number[];
    seed7_mixed: { randn_3: number[]; permutation_1000: number[]; randn_2: number[] };
    seed_max_random_sample_3: number[];
  };
  spiral: { X: Nested; Y: Nested; n200_noise025: { X: Nested; Y: Nested }; odd_301: string };
  init: { W1: Nested; W2: Nested };
  runs: { sgd: History & { lr: number }; adagrad: History & { lr: number; eps: number }; rmsprop: History & { lr: number; beta: number; eps: number } };
  rmsprop_verbose_stdout: string;
  variants: (History & { optimizer: string; lr: number; beta?: number; eps: number; epochs: number; hidden: number; samples: number; noise: number; seed: number })[];
  simulation: Record<"gradients" | "G_adagrad" | "E_rmsprop" | "lr_adagrad" | "lr_rmsprop", number[]>;
}

let cached: OriginalFixture | undefined;
/** test/fixtures/original.json, written by scripts/fixtures/make_fixtures.py from the original's own code. */
export function original(): OriginalFixture {
  cached ??= JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "original.json"), "utf8")) as OriginalFixture;
  return cached;
}

export function matrix(rows: Nested): Matrix {
  return fromNested(rows);
}

/** Every element within `abs` of the expected value; the message names the first index that is not. */
export function closeAbs(actual: ArrayLike<number>, expected: ArrayLike<number>, abs: number, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (!(d <= abs)) assert.unreachable(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (|Δ| ${d} > ${abs})`);
  }
}

/** Every element within `rel` relative error (|Δ| ≤ rel·|expected|). */
export function closeRel(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, what: string): number {
  assert.is(actual.length, expected.length, `${what}: length`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    const r = d === 0 ? 0 : d / Math.abs(expected[i]!);
    if (!(r <= rel)) assert.unreachable(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (relative ${r} > ${rel})`);
    worst = Math.max(worst, r);
  }
  return worst;
}

export function flat(rows: Nested): number[] {
  return rows.flat();
}

/** Distance between two doubles in units in the last place (0 when bit-identical). */
export function ulps(a: number, b: number): number {
  if (a === b) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  const ordered = (hi: bigint) => (hi < 0n ? -(hi & 0x7fffffffffffffffn) : hi);
  const ia = ordered(buf.getBigInt64(0));
  const ib = ordered(buf.getBigInt64(8));
  return Number(ia > ib ? ia - ib : ib - ia);
}

/** The same length and every element the same double (Object.is: −0 and +0 differ, NaN equals NaN). */
export function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
}

/** Every element within `maxUlps` units in the last place of the expected value. */
export function closeUlps(actual: ArrayLike<number>, expected: ArrayLike<number>, maxUlps: number, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const u = ulps(actual[i]!, expected[i]!);
    if (!(u <= maxUlps)) assert.unreachable(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (${u} ulps > ${maxUlps})`);
  }
}
