import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateSpiralData } from "../src/data/spiral";
import { ValidationError } from "../src/errors";
import { closeAbs, flat, original } from "./helpers";

test("the default spiral equals the original's X and Y (≤1e-12 abs, labels exact)", () => {
  const { X, Y } = generateSpiralData();
  assert.is(X.rows, 2);
  assert.is(X.cols, 300);
  assert.is(Y.rows, 1);
  assert.is(Y.cols, 300);
  closeAbs(X.data, flat(original().spiral.X), 1e-12, "X");
  assert.equal(Array.from(Y.data), flat(original().spiral.Y));
});

test("another size and noise (200 samples, noise 0.25) also matches numpy", () => {
  const { X, Y } = generateSpiralData({ samples: 200, noise: 0.25 });
  closeAbs(X.data, flat(original().spiral.n200_noise025.X), 1e-12, "X");
  assert.equal(Array.from(Y.data), flat(original().spiral.n200_noise025.Y));
});

test("balanced classes, and noise 0 puts every point on its arm (r from 0.5 to 2)", () => {
  const { X, Y } = generateSpiralData({ samples: 40, noise: 0 });
  assert.is(Y.data.reduce((a, b) => a + b, 0), 20);
  for (let j = 0; j < 40; j++) {
    const r = Math.hypot(X.data[j]!, X.data[40 + j]!);
    assert.ok(r >= 0.5 - 1e-12 && r <= 2 + 1e-12, `radius ${r}`);
  }
});

test("odd samples: the original raises IndexError; we refuse with a named parameter", () => {
  assert.match(original().spiral.odd_301, /IndexError/);
  assert.throws(() => generateSpiralData({ samples: 301 }), (e: unknown) => e instanceof ValidationError && e.parameter === "samples" && /even/.test(e.message));
});

test("bad options name the parameter and value", () => {
  const cases: [object, string][] = [
    [{ samples: 0 }, "samples"], [{ samples: 2.5 }, "samples"], [{ noise: -0.1 }, "noise"],
    [{ noise: Number.NaN }, "noise"], [{ seed: -3 }, "seed"],
  ];
  for (const [opts, param] of cases) {
    assert.throws(() => generateSpiralData(opts), (e: unknown) => e instanceof ValidationError && e.parameter === param, JSON.stringify(opts));
  }
});

test.run();
