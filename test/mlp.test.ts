import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateSpiralData } from "../src/data/spiral";
import { ValidationError } from "../src/errors";
import type { Matrix } from "../src/matrix";
import { backward, bceLoss, checkData, forward, initParams, Workspace, PARAM_NAMES, type MLPParams, type MLPShape } from "../src/nn/mlp";
import { RandomState } from "../src/random/random-state";
import { closeUlps, flat, original } from "./helpers";

test("initialisation reseeds 42 and draws W1 then W2 as the original (≤2 ulps: a 1-ulp gaussian, then ×0.1)", () => {
  const p = initParams({ nX: 2, nH: 10, nY: 1 });
  closeUlps(p.W1, flat(original().init.W1), 2, "W1");
  closeUlps(p.W2, flat(original().init.W2), 2, "W2");
  assert.ok(p.b1.every((v) => v === 0) && p.b2.every((v) => v === 0), "biases start at zero");
});

test("the first epoch's loss is the original's 0.69315699…", () => {
  const { X, Y } = generateSpiralData();
  const shape = { nX: 2, nH: 10, nY: 1 };
  const ws = new Workspace(shape, 300);
  const loss = bceLoss(Y, forward(initParams(shape), X, ws), ws.terms);
  assert.ok(Math.abs(loss - original().runs.rmsprop.losses[0]!) <= 1e-15, `${loss}`);
});

function randomProblem(seed: number, shape: MLPShape, m: number, scale: number): { p: MLPParams; X: Matrix; Y: Matrix } {
  const r = new RandomState(seed);
  const p = initParams(shape, seed);
  for (const name of PARAM_NAMES) for (let i = 0; i < p[name].length; i++) p[name][i] = r.standardNormal() * scale;
  const X = r.randn(shape.nX, m);
  const Y: Matrix = { rows: 1, cols: m, data: Float64Array.from({ length: m }, () => (r.randomSample() < 0.5 ? 0 : 1)) };
  return { p, X, Y };
}

/** ‖a − b‖ / (‖a‖ + ‖b‖), the usual relative error of a gradient check. */
function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nb) || 1);
}

test("backprop agrees with central finite differences (relative error ≤ 1e-6) at several points and sizes", () => {
  const cases: [number, MLPShape, number, number][] = [
    [1, { nX: 2, nH: 3, nY: 1 }, 7, 0.5],
    [2, { nX: 2, nH: 10, nY: 1 }, 50, 0.3],
    [3, { nX: 3, nH: 25, nY: 1 }, 120, 0.2],
    [4, { nX: 2, nH: 10, nY: 1 }, 300, 1.0],
    [5, { nX: 5, nH: 4, nY: 1 }, 33, 0.8],
  ];
  for (const [seed, shape, m, scale] of cases) {
    const { p, X, Y } = randomProblem(seed, shape, m, scale);
    const ws = new Workspace(shape, m);
    forward(p, X, ws);
    const grads = backward(p, X, Y, ws);
    const lossAt = () => bceLoss(Y, forward(p, X, ws), ws.terms);
    const h = 1e-6;
    for (const name of PARAM_NAMES) {
      const analytic = Float64Array.from(grads[name]);
      const numeric = new Float64Array(analytic.length);
      for (let i = 0; i < numeric.length; i++) {
        const keep = p[name][i]!;
        p[name][i] = keep + h;
        const up = lossAt();
        p[name][i] = keep - h;
        const down = lossAt();
        p[name][i] = keep;
        numeric[i] = (up - down) / (2 * h);
      }
      const err = relError(analytic, numeric);
      assert.ok(err <= 1e-6, `seed ${seed} ${JSON.stringify(shape)} m=${m} ${name}: relative error ${err}`);
      forward(p, X, ws);
      backward(p, X, Y, ws);
    }
  }
});

test("data checks name what is wrong: shapes, labels, NaN, empty", () => {
  const shape = { nX: 2, nH: 4, nY: 1 };
  const X: Matrix = { rows: 2, cols: 3, data: new Float64Array(6) };
  const Y: Matrix = { rows: 1, cols: 3, data: Float64Array.of(0, 1, 1) };
  const bad: [Matrix, Matrix, RegExp][] = [
    [{ rows: 3, cols: 2, data: new Float64Array(6) }, Y, /X\.rows/],
    [X, { rows: 1, cols: 2, data: Float64Array.of(0, 1) }, /Y\.cols/],
    [X, { rows: 1, cols: 3, data: Float64Array.of(0, 2, 1) }, /Y\[0\]\[1\]/],
    [{ rows: 2, cols: 3, data: Float64Array.of(0, 0, Number.NaN, 0, 0, 0) }, Y, /X\[0\]\[2\]/],
    [{ rows: 2, cols: 0, data: new Float64Array(0) }, { rows: 1, cols: 0, data: new Float64Array(0) }, /at least one sample/],
  ];
  for (const [x, y, re] of bad) {
    assert.throws(() => checkData(shape, x, y), (e: unknown) => e instanceof ValidationError && re.test(e.message), re.source);
  }
  checkData(shape, X, Y);
});

test("multi-output networks are refused (binary task; the original's gradient is for one output)", () => {
  assert.throws(() => initParams({ nX: 2, nH: 4, nY: 2 }), (e: unknown) => e instanceof ValidationError && e.parameter === "nY");
});

test.run();
