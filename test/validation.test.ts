import { test } from "uvu";
import * as assert from "uvu/assert";
import { simulateAccumulation, simulateSparseDense } from "../src/train/simulation";
import { generateSpiralData } from "../src/data/spiral";
import { ValidationError } from "../src/errors";
import type { Matrix } from "../src/matrix";
import { initParams, Workspace } from "../src/nn/mlp";
import { adagrad, adagradVariant, adam, adamw, createOptimizer, momentum, rmsprop, rmspropVariant, sgd } from "../src/optim/index";
import { RandomState } from "../src/random/random-state";
import { fit } from "../src/train/fit";
import { minimize, objective } from "../src/train/minimize";
import { train } from "../src/train/experiments";

const data = generateSpiralData({ samples: 20 });
const m = (rows: number, cols: number, fill: (i: number) => number = () => 0): Matrix => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, (_v, i) => fill(i)) });
const labels = (...v: number[]): Matrix => ({ rows: 1, cols: v.length, data: Float64Array.from(v) });

/** [what, call, parameter the error must name, text the value must appear as] */
const CASES: [string, () => unknown, string, string][] = [
  ["lr = 0", () => rmsprop({ lr: 0 }), "lr", "0"],
  ["lr < 0", () => sgd({ lr: -0.1 }), "lr", "-0.1"],
  ["lr NaN", () => adagrad({ lr: Number.NaN }), "lr", "NaN"],
  ["lr ∞", () => adam({ lr: Number.POSITIVE_INFINITY }), "lr", "Infinity"],
  ["lr −∞", () => momentum({ lr: Number.NEGATIVE_INFINITY }), "lr", "-Infinity"],
  ["β = 1", () => rmsprop({ beta: 1 }), "beta", "1"],
  ["β < 0", () => rmsprop({ beta: -0.1 }), "beta", "-0.1"],
  ["β NaN", () => rmsprop({ beta: Number.NaN }), "beta", "NaN"],
  ["momentum β = 1", () => momentum({ beta: 1 }), "beta", "1"],
  ["Adam β₁ = 1", () => adam({ beta1: 1 }), "beta1", "1"],
  ["Adam β₂ > 1", () => adam({ beta2: 1.5 }), "beta2", "1.5"],
  ["Adam weight decay < 0", () => adam({ weightDecay: -0.1 }), "weightDecay", "-0.1"],
  ["AdamW weight decay < 0", () => adamw({ weightDecay: -0.1 }), "weightDecay", "-0.1"],
  ["AdamW β₁ = 1", () => createOptimizer("adamw", { beta1: 1 }), "beta1", "1"],
  ["Adam's β₁ by RMSProp's name", () => createOptimizer("adam", { beta: 0.9 }), "beta", "0.9"],
  ["ε = 0", () => rmsprop({ eps: 0 }), "eps", "0"],
  ["ε < 0", () => adagrad({ eps: -1e-8 }), "eps", "-1e-8"],
  ["RMSProp momentum ≥ 1", () => rmspropVariant({ momentum: 1 }), "momentum", "1"],
  ["weight decay < 0", () => rmspropVariant({ weightDecay: -0.1 }), "weightDecay", "-0.1"],
  ["initial accumulator < 0", () => adagradVariant({ initialAccumulator: -1 }), "initialAccumulator", "-1"],
  ["unknown arithmetic", () => createOptimizer("rmsprop", { arithmetic: "float32" as never }), "arithmetic", '"float32"'],
  ["AdaGrad arithmetic not a string", () => adagradVariant({ arithmetic: 1 as never }), "arithmetic", "1"],
  ["unknown optimizer", () => createOptimizer("lbfgs"), "optimizer", '"lbfgs"'],
  ["unknown preset", () => createOptimizer("rmsprop", { preset: "mxnet" }), "preset", '"mxnet"'],
  ["preset for an optimizer without presets", () => createOptimizer("adam", { preset: "pytorch" }), "preset", '"pytorch"'],
  ["option the optimizer does not take", () => createOptimizer("sgd", { beta: 0.9 }), "beta", "0.9"],
  ["epochs = 0", () => fit(data, sgd(), { epochs: 0 }), "epochs", "0"],
  ["epochs not an integer", () => fit(data, sgd(), { epochs: 2.5 }), "epochs", "2.5"],
  ["epochs < 0", () => train({ optimizer: "sgd", epochs: -3 }), "epochs", "-3"],
  ["hidden = 0", () => fit(data, sgd(), { hidden: 0 }), "hidden", "0"],
  ["hidden not an integer", () => train({ optimizer: "sgd", hidden: 1.5 }), "hidden", "1.5"],
  ["progressEvery = 0", () => fit(data, sgd(), { progressEvery: 0 }), "progressEvery", "0"],
  ["simd not a boolean", () => fit(data, sgd(), { simd: "false" as never }), "simd", '"false"'],
  ["Workspace simd not a boolean", () => new Workspace({ nX: 2, nH: 3, nY: 1 }, 10, { simd: 0 as never }), "simd", "0"],
  ["centered not a boolean", () => createOptimizer("rmsprop", { centered: "yes" as never }), "centered", '"yes"'],
  ["biasCorrection not a boolean", () => rmspropVariant({ biasCorrection: 1 as never }), "biasCorrection", "1"],
  ["epsInsideSqrt not a boolean", () => adagradVariant({ epsInsideSqrt: "false" as never }), "epsInsideSqrt", '"false"'],
  ["ema not a boolean", () => createOptimizer("momentum", { ema: 0 as never }), "ema", "0"],
  ["samples = 0", () => generateSpiralData({ samples: 0 }), "samples", "0"],
  ["samples not an integer", () => generateSpiralData({ samples: 2.5 }), "samples", "2.5"],
  ["samples < 0", () => generateSpiralData({ samples: -10 }), "samples", "-10"],
  ["samples odd", () => generateSpiralData({ samples: 301 }), "samples", "301"],
  ["noise < 0", () => generateSpiralData({ noise: -1 }), "noise", "-1"],
  ["noise NaN", () => generateSpiralData({ noise: Number.NaN }), "noise", "NaN"],
  ["seed < 0", () => new RandomState(-1), "seed", "-1"],
  ["seed ≥ 2³²", () => generateSpiralData({ seed: 2 ** 32 }), "seed", "4294967296"],
  ["X and Y with different sample counts", () => fit({ X: m(2, 4), Y: labels(0, 1, 1) }, sgd()), "Y.cols", "3"],
  ["starting weights for 2 inputs, data with 3", () => fit({ X: m(3, 4), Y: labels(0, 1, 1, 0) }, sgd(), { initial: initParams({ nX: 2, nH: 3, nY: 1 }) }), "initial.W1", '"length 6"'],
  ["labels not 0/1 (0.5)", () => fit({ X: m(2, 3), Y: labels(0, 0.5, 1) }, sgd()), "Y[0][1]", "0.5"],
  ["labels not 0/1 (2)", () => fit({ X: m(2, 3), Y: labels(2, 0, 1) }, sgd()), "Y[0][0]", "2"],
  ["NaN in X", () => fit({ X: m(2, 3, (i) => (i === 4 ? Number.NaN : 0)), Y: labels(0, 1, 1) }, sgd()), "X[1][1]", "NaN"],
  ["∞ in X", () => fit({ X: m(2, 3, (i) => (i === 2 ? Number.POSITIVE_INFINITY : 0)), Y: labels(0, 1, 1) }, sgd()), "X[0][2]", "Infinity"],
  ["empty data", () => fit({ X: m(2, 0), Y: labels() }, sgd()), "X", '"2x0"'],
  ["minimize: x0 of the wrong size", () => minimize(objective("d2l"), [1, 2, 3], sgd(), 5), "x0", '"1,2,3"'],
  ["minimize: x0 not finite", () => minimize(objective("quadratic"), [Number.NaN], sgd(), 5), "x0[0]", "NaN"],
  ["minimize: steps < 0", () => minimize(objective("quadratic"), [1], sgd(), -1), "steps", "-1"],
  ["unknown test function", () => objective("beale"), "function", '"beale"'],
  ["simulation: iterations = 0", () => simulateAccumulation({ iterations: 0 }), "iterations", "0"],
  ["simulation: density outside (0, 1]", () => simulateSparseDense({ density: 1.5 }), "density", "1.5"],
  ["RMSProp variant arithmetic unknown", () => rmspropVariant({ arithmetic: "float32" as never }), "arithmetic", '"float32"'],
];

test(`${CASES.length} kinds of bad input: a ValidationError naming the parameter, the value and what is allowed`, () => {
  assert.ok(CASES.length >= 30);
  for (const [what, call, parameter, shown] of CASES) {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof ValidationError, `${what}: expected a ValidationError, got ${String(caught)}`);
    const e = caught as ValidationError;
    assert.is(e.parameter, parameter, `${what}: names ${e.parameter}`);
    assert.ok(e.message.includes(`invalid ${parameter}: ${shown} (expected `), `${what}: message "${e.message}"`);
    assert.ok(e.allowed.length > 0, `${what}: no allowed range`);
  }
});

test.run();
