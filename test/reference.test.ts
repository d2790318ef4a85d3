/**
 * The readable network (src/nn/reference.ts, the original's §5–§6) and the fused kernels training runs
 * (src/nn/mlp.ts) compute the same numbers, bit for bit: at every epoch of the original's three runs, the same
 * predictions, loss and gradients; and for every hidden size the kernels' blocking leaves a remainder for.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateSpiralData } from "../src/data/spiral";
import { backward, bceLoss, forward, initParams, PARAM_NAMES, Workspace, type KernelKind, type MLPParams, type WorkspaceOptions } from "../src/nn/mlp";
import { asMatrices, backwardPropagation, computeLoss, forwardPropagation } from "../src/nn/reference";
import { adagrad, rmsprop, sgd, type Optimizer } from "../src/optim/index";
import { sameBits } from "./helpers";

const data = generateSpiralData();
const shape = { nX: 2, nH: 10, nY: 1 };

const RUNS: [string, () => Optimizer][] = [
  ["SGD, lr 0.01", () => sgd({ lr: 0.01 })],
  ["AdaGrad, lr 0.1", () => adagrad({ lr: 0.1 })],
  ["RMSProp, lr 0.001, β 0.9", () => rmsprop({ lr: 0.001, beta: 0.9 })],
];

const KERNELS: { kind: KernelKind; options: WorkspaceOptions }[] = [{ kind: "simd", options: {} }, { kind: "js", options: { simd: false } }];

for (const { kind, options } of KERNELS) for (const [label, make] of RUNS) {
  test(`${label}: at every one of 2000 epochs the ${kind} kernels give the reference's A2, loss and gradients, bit for bit`, () => {
    const p: MLPParams = initParams(shape);
    const ws = new Workspace(shape, data.X.cols, options);
    assert.is(ws.kernel, kind);
    const opt = make();
    const state = opt.init(p);
    for (let epoch = 1; epoch <= 2000; epoch++) {
      const A2 = forward(p, data.X, ws);
      const loss = bceLoss(data.Y, A2, ws.terms);
      const grads = backward(p, data.X, data.Y, ws);
      const weights = asMatrices(p, shape);
      const ref = forwardPropagation(weights, data.X);
      const refGrads = backwardPropagation(weights, data.X, data.Y, ref.cache);
      assert.ok(sameBits(A2, ref.A2.data), `${label} epoch ${epoch}: A2 differs`);
      assert.ok(Object.is(loss, computeLoss(data.Y, ref.A2)), `${label} epoch ${epoch}: loss ${loss} vs ${computeLoss(data.Y, ref.A2)}`);
      for (const name of PARAM_NAMES) assert.ok(sameBits(grads[name], refGrads[name].data), `${label} epoch ${epoch}: d${name} differs`);
      opt.updateInto(grads, state, p, state, p);
    }
  });
}

// the kernels take hidden units four (forward) and two (backward) at a time, then one by one: every remainder;
// an odd number of samples leaves the SIMD kernels' second lane a padding sample
for (const { kind, options } of KERNELS) test(`every hidden size from 1 to 9, odd and even samples, and 3 inputs: the ${kind} kernels give the reference's numbers, bit for bit`, () => {
  const three = { rows: 3, cols: data.X.cols, data: Float64Array.from([...data.X.data, ...data.X.data.map((v) => v * v - 0.5)]) };
  const first = (a: { rows: number; cols: number; data: Float64Array }, n: number) =>
    ({ rows: a.rows, cols: n, data: Float64Array.from({ length: a.rows * n }, (_v, i) => a.data[Math.floor(i / n) * a.cols + (i % n)]!) });
  const odd = { X: first(data.X, 299), Y: first(data.Y, 299) };
  const cases = [
    ...Array.from({ length: 9 }, (_v, i) => ({ X: data.X, Y: data.Y, shape: { nX: 2, nH: i + 1, nY: 1 } })),
    { X: odd.X, Y: odd.Y, shape: { nX: 2, nH: 7, nY: 1 } },
    { X: three, Y: data.Y, shape: { nX: 3, nH: 6, nY: 1 } },
  ];
  for (const { X, Y, shape: s } of cases) {
    const p: MLPParams = initParams(s, 7);
    const ws = new Workspace(s, X.cols, options);
    assert.is(ws.kernel, s.nX === 2 ? kind : "js");
    const opt = rmsprop({ lr: 0.01, beta: 0.9 });
    const state = opt.init(p);
    for (let epoch = 1; epoch <= 200; epoch++) {
      const A2 = forward(p, X, ws);
      const grads = backward(p, X, Y, ws);
      const weights = asMatrices(p, s);
      const ref = forwardPropagation(weights, X);
      const refGrads = backwardPropagation(weights, X, Y, ref.cache);
      assert.ok(sameBits(A2, ref.A2.data), `nX ${s.nX}, nH ${s.nH}, epoch ${epoch}: A2 differs`);
      for (const name of PARAM_NAMES) assert.ok(sameBits(grads[name], refGrads[name].data), `nX ${s.nX}, nH ${s.nH}, epoch ${epoch}: d${name} differs`);
      opt.updateInto(grads, state, p, state, p);
    }
  }
});

test.run();
