/**
 * The WebAssembly SIMD kernels (src/nn/simd.ts, src/nn/mlp-simd.wat): the module the library carries is the .wat
 * assembled, training uses it, and it computes what the JavaScript loops compute, bit for bit, also where the
 * numbers stop being finite. (test/reference.test.ts compares both kernels with the readable network.)
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { assembleMlpSimd, BYTES_MODULE, bytesModule } from "../scripts/lib/wasm";
import { backward, forward, initParams, PARAM_NAMES, Workspace, type MLPParams } from "../src/nn/mlp";
import { asMatrices, backwardPropagation, forwardPropagation } from "../src/nn/reference";
import { RandomState } from "../src/random/random-state";
import { ValidationError } from "../src/errors";
import { sameBits } from "./helpers";


test("src/nn/mlp-simd-bytes.ts holds exactly what src/nn/mlp-simd.wat assembles to (else: npm run wasm)", async () => {
  const expected = bytesModule(await assembleMlpSimd());
  assert.ok(readFileSync(BYTES_MODULE, "utf8") === expected, "mlp-simd-bytes.ts is stale: run npm run wasm");
});

test("Node runs the SIMD kernels for two inputs, and the JavaScript loops for other shapes or when asked", () => {
  assert.is(new Workspace({ nX: 2, nH: 10, nY: 1 }, 300).kernel, "simd");
  assert.is(new Workspace({ nX: 2, nH: 10, nY: 1 }, 300, { simd: false }).kernel, "js");
  assert.is(new Workspace({ nX: 3, nH: 10, nY: 1 }, 300).kernel, "js");
});

// weights from ±1e-3 to ±1e308: z reaches 2¹⁰²³ and more (ReLU's guard) and ±∞, ∞ − ∞ and 0·∞ make NaN
test("where the numbers overflow and turn NaN, the SIMD kernels still give the JavaScript loops' numbers, bit for bit", () => {
  const r = new RandomState(3);
  for (const [m, nH] of [[2, 1], [7, 3], [64, 6], [301, 9], [300, 10]] as const) {
    for (const scale of [1e-3, 1, 1e150, 1e297, 1e298, 1e300, 1e308]) {
      const shape = { nX: 2, nH, nY: 1 };
      const p: MLPParams = initParams(shape);
      for (const name of PARAM_NAMES) for (let i = 0; i < p[name].length; i++) p[name][i] = r.standardNormal() * scale;
      const X = { rows: 2, cols: m, data: Float64Array.from({ length: 2 * m }, () => r.standardNormal() * (scale > 1 ? 1e10 : 1)) };
      const Y = { rows: 1, cols: m, data: Float64Array.from({ length: m }, () => (r.randomSample() < 0.5 ? 0 : 1)) };
      const simd = new Workspace(shape, m);
      const js = new Workspace(shape, m, { simd: false });
      const what = `m ${m}, ${nH} hidden, scale ${scale}`;
      assert.ok(sameBits(forward(p, X, simd), forward(p, X, js)), `${what}: A2 differs`);
      for (let h = 0; h < nH; h++) {
        assert.ok(sameBits(simd.A1.subarray(h * simd.simd!.mp, h * simd.simd!.mp + m), js.A1.subarray(h * m, (h + 1) * m)), `${what}: A1 row ${h} differs`);
      }
      const gs = backward(p, X, Y, simd);
      const gj = backward(p, X, Y, js);
      for (const name of PARAM_NAMES) assert.ok(sameBits(gs[name], gj[name]), `${what}: d${name} differs: ${Array.from(gs[name])} vs ${Array.from(gj[name])}`);
    }
  }
});

// finite weights and inputs whose products overflow: z = −∞ must give ReLU 0 (np.maximum), not −∞ + ∞ = NaN
test("z = ±∞ from finite weights: both kernels give the readable network's ReLU (0 for −∞), output and gradients", () => {
  const shape = { nX: 2, nH: 3, nY: 1 };
  const p: MLPParams = { W1: Float64Array.from([1e300, 0, -1e300, 0, 0.5, 0.25]), b1: Float64Array.from([0, 0, 0.1]), W2: Float64Array.from([0.3, -0.2, 0.7]), b2: Float64Array.from([0]) };
  const X = { rows: 2, cols: 5, data: Float64Array.from([1e10, -1e10, 2, -3, 1e-300, 1, 1, 1, 1, 1]) };
  const Y = { rows: 1, cols: 5, data: Float64Array.from([1, 0, 1, 0, 1]) };
  const ref = forwardPropagation(asMatrices(p, shape), X);
  const refGrads = backwardPropagation(asMatrices(p, shape), X, Y, ref.cache);
  assert.ok(ref.cache.Z1.data.includes(-Infinity) && ref.cache.Z1.data.includes(Infinity), "the case has z = ±∞");
  for (const options of [{}, { simd: false }]) {
    const ws = new Workspace(shape, 5, options);
    assert.ok(sameBits(forward(p, X, ws), ref.A2.data), `${ws.kernel}: A2 ${Array.from(ws.A2)} vs ${Array.from(ref.A2.data)}`);
    const grads = backward(p, X, Y, ws);
    for (const name of PARAM_NAMES) assert.ok(sameBits(grads[name], refGrads[name].data), `${ws.kernel}: d${name} ${Array.from(grads[name])} vs ${Array.from(refGrads[name].data)}`);
  }
});

test("one sample: the SIMD kernels' padding leaves the result alone", () => {
  const shape = { nX: 2, nH: 5, nY: 1 };
  const p = initParams(shape, 11);
  const X = { rows: 2, cols: 1, data: Float64Array.from([0.7, -1.3]) };
  const Y = { rows: 1, cols: 1, data: Float64Array.from([1]) };
  const simd = new Workspace(shape, 1);
  const js = new Workspace(shape, 1, { simd: false });
  assert.is(simd.kernel, "simd");
  assert.ok(sameBits(forward(p, X, simd), forward(p, X, js)));
  const gs = backward(p, X, Y, simd);
  const gj = backward(p, X, Y, js);
  for (const name of PARAM_NAMES) assert.ok(sameBits(gs[name], gj[name]), `d${name} differs`);
});

/** The output layer as src/nn/mlp.ts's JavaScript computes it, with the engine's Math.exp. */
const sigmoid = (z: number) => 1 / (1 + Math.exp(-(z < -500 ? -500 : z > 500 ? 500 : z)));

// the module's σ carries a port of V8's Math.exp (fdlibm's): every path of it, each boundary, and a spread of z
test("the SIMD output layer's σ gives Math.exp's numbers, bit for bit, on six million z", () => {
  const m = 4096;
  const ws = new Workspace({ nX: 2, nH: 1, nY: 1 }, m);
  const kernels = ws.simd!;
  assert.ok(kernels.output(0), "the port agrees with this engine's Math.exp at load, so training uses it");
  const r = new RandomState(7);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  // a double whose high word is `high` (sign chosen at random) and whose low word is random
  const near = (high: number) => {
    words[1] = (high | (r.randomSample() < 0.5 ? 0x80000000 : 0)) >>> 0;
    words[0] = Math.floor(r.randomSample() * 2 ** 32);
    return bits[0]!;
  };
  const draws: [string, () => number][] = [
    ["uniform in ±600", () => (r.randomSample() * 2 - 1) * 600],
    ["uniform in ±3", () => (r.randomSample() * 2 - 1) * 3],
    ["normal", () => r.standardNormal()],
    ["|z| near ln2/2 (k = 0 or 1)", () => near(0x3fd62e42 + Math.floor(r.randomSample() * 3) - 1)],
    ["|z| near 1.5·ln2 (k = 1 or 2)", () => near(0x3ff0a2b2 + Math.floor(r.randomSample() * 3) - 1)],
    ["|z| near 2⁻²⁸", () => near(0x3e300000 + Math.floor(r.randomSample() * 3) - 1)],
    ["|z| near 500", () => near(0x407f4000 + Math.floor(r.randomSample() * 3) - 1)],
    ["any double", () => near(Math.floor(r.randomSample() * 0x7ff00000))],
    ["special", () => [0, -0, 1, -1, NaN, Infinity, -Infinity, 500, -500, 2 ** -28, 5e-324][Math.floor(r.randomSample() * 11)]!],
  ];
  for (const [what, draw] of draws) {
    for (let round = 0; round < 160; round++) {
      const b2 = round % 4 === 0 ? 0 : r.standardNormal();
      for (let j = 0; j < m; j++) kernels.Z2[j] = draw();
      kernels.output(b2);
      for (let j = 0; j < m; j++) {
        const want = sigmoid(kernels.Z2[j]! + b2);
        if (!Object.is(kernels.A2[j], want)) assert.unreachable(`${what}: z ${kernels.Z2[j]} + b2 ${b2}: σ ${kernels.A2[j]}, Math.exp gives ${want}`);
      }
    }
  }
});

test("a workspace's SIMD memory is its own: two workspaces of different sizes do not disturb each other", () => {
  const shape = { nX: 2, nH: 5, nY: 1 };
  const p = initParams(shape);
  const X = { rows: 2, cols: 4, data: Float64Array.from([1, 2, 3, 4, -1, -2, -3, -4]) };
  const a = new Workspace(shape, 4);
  const first = Float64Array.from(forward(p, X, a));
  const b = new Workspace(shape, 2);
  forward(p, { rows: 2, cols: 2, data: Float64Array.from([9, 9, 9, 9]) }, b);
  assert.ok(sameBits(a.A2, first), "a's output changed when b ran");
  assert.ok(sameBits(forward(p, X, a), forward(p, X, new Workspace(shape, 4, { simd: false }))));
});

test("a released workspace's kernels serve the next one of its size, which computes what fresh kernels compute", () => {
  const shape = { nX: 2, nH: 5, nY: 1 };
  const r = new RandomState(5);
  const p = initParams(shape, 9);
  const X = { rows: 2, cols: 7, data: Float64Array.from({ length: 14 }, () => r.standardNormal()) };
  const Y = { rows: 1, cols: 7, data: Float64Array.from([1, 0, 1, 1, 0, 0, 1]) };
  const used = new Workspace(shape, 7);
  forward(initParams(shape, 3), { rows: 2, cols: 7, data: X.data.map((v) => v * 50) }, used); // leaves other numbers
  const kernels = used.simd;
  used.release();
  assert.throws(() => forward(p, X, used), (e: Error) => e instanceof ValidationError && e.message.includes("workspace"));
  assert.throws(() => backward(p, X, Y, used), (e: Error) => e instanceof ValidationError);
  const next = new Workspace(shape, 7);
  assert.ok(next.simd === kernels, "the next workspace of the same size takes the released kernels");
  assert.ok(new Workspace(shape, 8).simd !== kernels && new Workspace(shape, 7).simd !== kernels, "and no other one");
  const js = new Workspace(shape, 7, { simd: false });
  assert.ok(sameBits(forward(p, X, next), forward(p, X, js)));
  const [gs, gj] = [backward(p, X, Y, next), backward(p, X, Y, js)];
  for (const name of PARAM_NAMES) assert.ok(sameBits(gs[name], gj[name]), `d${name}`);
});

test.run();
