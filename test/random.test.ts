import { test } from "uvu";
import * as assert from "uvu/assert";
import { ValidationError } from "../src/errors";
import { RandomState } from "../src/random/random-state";
import { closeUlps, flat, original } from "./helpers";

const rng = () => original().rng;

test("seed(42) random_sample: the first 10 doubles equal numpy's bit for bit", () => {
  const r = new RandomState(42);
  assert.equal(Array.from({ length: 10 }, () => r.randomSample()), rng().seed42_random_sample_10);
});

test("seed(2^32 - 1) is accepted and matches numpy", () => {
  const r = new RandomState(4294967295);
  assert.equal(Array.from({ length: 3 }, () => r.randomSample()), rng().seed_max_random_sample_3);
});

test("randn(7): polar Box–Muller with the cached second value, odd count", () => {
  const r = new RandomState(42);
  // ≤1 ulp: the only inexact step is Math.log vs numpy's log
  closeUlps(r.randn(7, 1).data, rng().seed42_randn_7, 1, "randn");
});

test("randn(3, 4) fills row-major as numpy does", () => {
  const r = new RandomState(42);
  const m = r.randn(3, 4);
  assert.is(m.rows, 3);
  assert.is(m.cols, 4);
  closeUlps(m.data, flat(rng().seed42_randn_3x4), 1, "randn(3, 4)");
});

test("permutation(10) after seed(42) is numpy's", () => {
  assert.equal(Array.from(new RandomState(42).permutation(10)), rng().seed42_permutation_10);
});

test("a mixed stream (randn 3, permutation 1000, randn 2) stays in step with numpy, including the gauss cache", () => {
  const r = new RandomState(7);
  const want = rng().seed7_mixed;
  const a = Array.from(r.randn(3).data);
  const p = Array.from(r.permutation(1000));
  const b = Array.from(r.randn(2).data);
  assert.equal(p, want.permutation_1000);
  closeUlps([...a, ...b], [...want.randn_3, ...want.randn_2], 1, "gauss");
});

test("seed() restarts the stream and forgets the cached gaussian", () => {
  const r = new RandomState(42);
  const first = r.standardNormal();
  r.standardNormal();
  r.standardNormal(); // leaves a cached value
  r.seed(42);
  assert.is(r.standardNormal(), first);
});

test("bad seeds are rejected with the parameter named", () => {
  for (const bad of [-1, 1.5, 2 ** 32, Number.NaN]) {
    assert.throws(() => new RandomState(bad), (e: unknown) => e instanceof ValidationError && e.parameter === "seed");
  }
});

test.run();
