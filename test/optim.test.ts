import { test } from "uvu";
import * as assert from "uvu/assert";
import { ValidationError } from "../src/errors";
import { generateSpiralData } from "../src/data/spiral";
import { PARAM_NAMES } from "../src/nn/mlp";
import {
  adagrad, adagradVariant, adam, adamw, createOptimizer, entryOf, labelOf, OPTIMIZER_NAMES, OPTIMIZERS, rmsprop, rmspropVariant, sgd, type Leaves,
  type Optimizer, adagradRule, adamRule, adamwRule, elementwise, momentumRule, rmspropRule, sgdRule, type ElementRule,
  type LearningRate,
} from "../src/optim/index";
import { RandomState } from "../src/random/random-state";
import { fit } from "../src/train/fit";
import { sameBits } from "./helpers";

const data = generateSpiralData();

const params = (): Leaves => ({ w: Float64Array.of(1, -2) });
const grad = (a: number, b: number): Leaves => ({ w: Float64Array.of(a, b) });

function near(actual: ArrayLike<number>, expected: number[], what: string) {
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= 1e-15 * Math.max(1, Math.abs(e)), `${what}[${i}]: ${actual[i]} vs ${e}`));
}

test("SGD, one step by hand: θ − α·g with α 0.1", () => {
  const opt = sgd({ lr: 0.1 });
  const { params: p } = opt.update(grad(0.5, -1), opt.init(params()), params());
  near(p.w!, [0.95, -1.9], "θ");
});

test("AdaGrad, one step by hand: G = g², θ − α·g/√(G + ε) (α 0.1, ε 1e-8)", () => {
  const opt = adagrad({ lr: 0.1, eps: 1e-8 });
  const { params: p, state } = opt.update(grad(0.5, -1), opt.init(params()), params());
  near(state.sumSquares.w!, [0.25, 1], "G");
  // 1 − 0.1·0.5/√0.25000001 and −2 + 0.1·1/√1.00000001, to 40 digits by Python's decimal
  near(p.w!, [0.90000000199999994, -1.9000000004999999963], "θ");
  assert.is(state.count, 1);
});

test("RMSProp, two steps by hand: E = 0.9·E + 0.1·g², θ − α·g/√(E + ε) (α 0.01, ε 1e-8)", () => {
  const opt = rmsprop({ lr: 0.01, beta: 0.9, eps: 1e-8 });
  const one = opt.update(grad(0.5, -1), opt.init(params()), params());
  near(one.state.meanSquare.w!, [0.025, 0.1], "E1");
  near(one.params.w!, [0.96837722972286963, -1.9683772249794549182], "θ1");
  const two = opt.update(grad(-0.25, 2), one.state, one.params);
  near(two.state.meanSquare.w!, [0.02875, 0.49], "E2");
  near(two.params.w!, [0.98312142277415208, -1.9969486532593383046], "θ2");
  assert.is(two.state.count, 2);
});

function snapshot(l: Leaves) {
  return Object.fromEntries(Object.entries(l).map(([k, v]) => [k, Array.from(v)]));
}

test("weight decay λ 0.01, one step by hand from θ = (1, −2) with g = 0: Adam's is L2 in the gradient, AdamW's is decoupled", () => {
  // Adam (torch.optim.Adam(weight_decay=λ)): g ← λθ = (0.01, −0.02), and Adam's first step is α·g/(|g| + ε)
  const l2 = adam({ lr: 0.01, weightDecay: 0.01 });
  near(l2.update(grad(0, 0), l2.init(params()), params()).params.w!, [0.99000000999999000001, -1.9900000049999975], "Adam θ");
  // AdamW (torch.optim.AdamW): θ ← θ − α·λ·θ, and Adam's step on g = 0 is 0
  const decoupled = adamw({ lr: 0.01, weightDecay: 0.01 });
  near(decoupled.update(grad(0, 0), decoupled.init(params()), params()).params.w!, [0.9999, -1.9998], "AdamW θ");
});

test("AdamW at λ = 0 is Adam, to the bit (2000 epochs); at λ > 0 they differ, and λ = 0.01 is AdamW's default", () => {
  const a = fit(data, adam(), { epochs: 2000 });
  const w = fit(data, adamw({ weightDecay: 0 }), { epochs: 2000 });
  assert.ok(sameBits(a.losses, w.losses), "losses differ");
  for (const name of PARAM_NAMES) assert.ok(sameBits(a.params[name], w.params[name]), `${name} differs`);
  assert.is(createOptimizer("adamw").config.weightDecay, 0.01);
  const l2 = fit(data, adam({ weightDecay: 0.01 }), { epochs: 50 });
  const decoupled = fit(data, adamw(), { epochs: 50 });
  assert.not.ok(sameBits(l2.losses, decoupled.losses));
});

test("the registry: each entry's defaults are what createOptimizer reports, its options have a symbol and a meaning", () => {
  const colors = new Set(OPTIMIZER_NAMES.map((n) => OPTIMIZERS[n].color));
  assert.is(colors.size, OPTIMIZER_NAMES.length, "one colour per optimizer");
  for (const name of OPTIMIZER_NAMES) {
    const e = entryOf(name);
    assert.equal(createOptimizer(name).config, e.defaults, name);
    assert.is(createOptimizer(name).name, name);
    assert.equal(Object.keys(e.options).sort(), Object.keys(e.defaults).sort(), `${name}: an option without a default or meaning`);
    for (const [key, o] of Object.entries(e.options)) assert.ok(o.symbol && o.about, `${name}.${key}`);
    for (const key of [...e.shown, ...(e.beta ? [e.beta] : [])]) assert.ok(key in e.defaults, `${name}: ${key}`);
    for (const [preset, p] of Object.entries(e.presets ?? {})) {
      assert.equal(createOptimizer(name, { preset }).config, { ...e.defaults, ...p.config }, `${name} preset ${preset}`);
    }
    assert.is(labelOf(name), e.label);
  }
});

test("update is pure and updateInto in place gives the same numbers, for every optimizer", () => {
  const opts: Optimizer[] = [sgd(), adagrad(), rmsprop(), rmsprop({ beta: 0, lr: 0.3 })];
  for (const opt of opts) {
    const p0 = { a: Float64Array.of(0.3, -0.7, 1.2), b: Float64Array.of(0.05) };
    let state = opt.init(p0);
    let p: Leaves = p0;
    const inPlace = { a: Float64Array.from(p0.a), b: Float64Array.from(p0.b) };
    const inPlaceState = opt.init(inPlace);
    for (let t = 0; t < 5; t++) {
      const g = { a: Float64Array.of(0.1 * t - 0.2, 0.4, -0.3 * t), b: Float64Array.of(t % 2 ? 1 : -1) };
      const before = { g: snapshot(g), p: snapshot(p), s: JSON.stringify(state, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v)) };
      const next = opt.update(g, state, p);
      assert.equal(snapshot(g), before.g, `${opt.name}: grads untouched`);
      assert.equal(snapshot(p), before.p, `${opt.name}: params untouched`);
      assert.is(JSON.stringify(state, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v)), before.s, `${opt.name}: state untouched`);
      opt.updateInto(g, inPlaceState, inPlace, inPlaceState, inPlace);
      assert.equal(snapshot(inPlace), snapshot(next.params), `${opt.name}: in place = pure, step ${t}`);
      ({ params: p, state } = next);
    }
  }
});

// the library's rules give `steps`, a whole tensor at a time, for speed: it must be their `step`, bit for bit
test("each library rule's steps gives what its step gives, bit for bit, in place or not, also where numbers overflow", () => {
  const rules: ElementRule<LearningRate, string>[] = [sgdRule({ lr: 0.3 }), momentumRule(), momentumRule({ ema: false, beta: 0.5 }),
    adagradRule(), rmspropRule(), rmspropRule({ beta: 0.999, lr: 0.01 }), adamRule(), adamRule({ weightDecay: 0.1 }),
    adamwRule(), adamwRule({ weightDecay: 0 })];
  const r = new RandomState(11);
  const draw = (n: number, scale: number) => Float64Array.from({ length: n }, () => r.standardNormal() * scale);
  for (const rule of rules) {
    assert.type(rule.steps, "function", `${rule.name} gives steps`);
    const fast = elementwise(rule);
    const slow = elementwise({ ...rule, steps: undefined });
    for (const scale of [1e-4, 1, 1e160]) {
      const p0 = { W: draw(7, 1), b: draw(1, 1) };
      let [pFast, sFast] = [p0 as Leaves, fast.init(p0)];
      let [pSlow, sSlow] = [p0 as Leaves, slow.init(p0)];
      const inPlace = { W: Float64Array.from(p0.W), b: Float64Array.from(p0.b) };
      const sInPlace = fast.init(inPlace);
      for (let t = 0; t < 30; t++) {
        const g = { W: draw(7, scale), b: draw(1, scale) };
        ({ params: pFast, state: sFast } = fast.update(g, sFast, pFast));
        ({ params: pSlow, state: sSlow } = slow.update(g, sSlow, pSlow));
        fast.updateInto(g, sInPlace, inPlace, sInPlace, inPlace);
        const what = `${rule.name} ${JSON.stringify(rule.config)}, scale ${scale}, step ${t + 1}`;
        for (const name of ["W", "b"]) {
          assert.ok(sameBits(pFast[name]!, pSlow[name]!), `${what}: params.${name}`);
          assert.ok(sameBits(inPlace[name as "W" | "b"], pSlow[name]!), `${what}: params.${name} in place`);
          for (const slot of Object.keys(rule.slots)) {
            const [a, b, c] = [sFast, sSlow, sInPlace].map((s) => (s as unknown as Record<string, Leaves>)[slot]![name]);
            assert.ok(sameBits(a!, b!) && sameBits(c!, b!), `${what}: ${slot}.${name}`);
          }
        }
      }
    }
  }
});

test("RMSProp with β = 0 steps by α·g/√(g² + ε)", () => {
  const opt = rmsprop({ lr: 0.5, beta: 0 });
  const g = 0.37;
  const { params: p } = opt.update({ w: Float64Array.of(g) }, opt.init({ w: Float64Array.of(0) }), { w: Float64Array.of(0) });
  assert.is(p.w![0], 0 - (0.5 / Math.sqrt(g * g + 1e-8)) * g);
});

test("defaults are the original's; createOptimizer reports every setting in force", () => {
  assert.equal(sgd().config, { lr: 0.01 });
  assert.equal(adagrad().config, { lr: 0.1, eps: 1e-8 });
  assert.equal(rmsprop().config, { lr: 0.001, beta: 0.9, eps: 1e-8 });
  assert.equal(createOptimizer("adagrad").config, { lr: 0.1, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0, arithmetic: "numpy" });
  assert.equal(createOptimizer("rmsprop").config, {
    lr: 0.001, beta: 0.9, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0, centered: false, momentum: 0, weightDecay: 0, biasCorrection: false, arithmetic: "numpy",
  });
});

test("bad hyper-parameters are named, never clamped", () => {
  const cases: [() => unknown, string][] = [
    [() => sgd({ lr: 0 }), "lr"], [() => sgd({ lr: -1 }), "lr"], [() => sgd({ lr: Number.NaN }), "lr"],
    [() => sgd({ lr: Number.POSITIVE_INFINITY }), "lr"], [() => adagrad({ eps: 0 }), "eps"],
    [() => rmsprop({ beta: 1 }), "beta"], [() => rmsprop({ beta: -0.1 }), "beta"], [() => rmsprop({ eps: -1e-8 }), "eps"],
    [() => createOptimizer("lion"), "optimizer"], [() => createOptimizer("sgd", { beta: 0.9 }), "beta"],
    [() => createOptimizer("adam", { preset: "pytorch" }), "preset"], [() => createOptimizer("rmsprop", { preset: "jax" }), "preset"],
    [() => createOptimizer("rmsprop", { momentum: 1 }), "momentum"], [() => createOptimizer("rmsprop", { weightDecay: -1 }), "weightDecay"],
    [() => createOptimizer("adagrad", { initialAccumulator: -0.1 }), "initialAccumulator"], [() => createOptimizer("adam", { beta2: 1 }), "beta2"],
    [() => createOptimizer("adam", { beta: 0.9 }), "beta"], [() => createOptimizer("adamw", { weightDecay: -1 }), "weightDecay"],
    [() => createOptimizer("momentum", { beta: Number.NaN }), "beta"], [() => createOptimizer("adagrad", { centered: true }), "centered"],
  ];
  for (const [make, param] of cases) {
    assert.throws(make, (e: unknown) => e instanceof ValidationError && e.parameter === param, param);
  }
});

test("a gradient that does not match its parameter is an error, not a silent skip", () => {
  const opt = sgd();
  assert.throws(() => opt.update({ w: Float64Array.of(1) }, opt.init(params()), params()), (e: unknown) => e instanceof ValidationError && e.parameter === "grads.w");
  assert.throws(() => opt.update({}, opt.init(params()), params()), (e: unknown) => e instanceof ValidationError);
});

test("the rules as taught and the variants with the original's settings train to the same bits (2000 epochs)", () => {
  const pairs: [string, Optimizer, Optimizer][] = [
    ["adagrad lr 0.1", adagrad({ lr: 0.1 }), adagradVariant({ lr: 0.1 })],
    ["rmsprop lr 0.001 β 0.9", rmsprop({ lr: 0.001, beta: 0.9 }), rmspropVariant({ lr: 0.001, beta: 0.9 })],
    ["rmsprop lr 0.01 β 0.99", rmsprop({ lr: 0.01, beta: 0.99 }), rmspropVariant({ lr: 0.01, beta: 0.99 })],
  ];
  for (const [label, taught, variant] of pairs) {
    const a = fit(data, taught, { epochs: 2000 });
    const b = fit(data, variant, { epochs: 2000 });
    assert.ok(sameBits(a.losses, b.losses), `${label}: losses differ`);
    for (const name of PARAM_NAMES) assert.ok(sameBits(a.params[name], b.params[name]), `${label}: ${name} differs`);
    const ra = taught.rates(a.state, new Float64Array(41));
    const rb = variant.rates(b.state, new Float64Array(41));
    assert.ok(sameBits(ra, rb), `${label}: effective learning rates differ`);
  }
});

test("createOptimizer gives the rule as taught for the original's settings, the variant for a framework's", () => {
  const params = { w: new Float64Array(3) };
  const slots = (o: Optimizer) => Object.keys(o.init(params)).sort();
  assert.equal(slots(createOptimizer("rmsprop")), ["count", "meanSquare"]);
  assert.equal(slots(createOptimizer("rmsprop", { preset: "pytorch" })), ["count", "meanSquare"]);
  assert.equal(slots(createOptimizer("rmsprop", { centered: true })), ["count", "meanGrad", "meanSquare"]);
  assert.equal(slots(createOptimizer("rmsprop", { momentum: 0.9 })), ["buffer", "count", "meanSquare"]);
  assert.equal(slots(createOptimizer("rmsprop", { centered: true, momentum: 0.9, weightDecay: 0.1 })), ["buffer", "count", "meanGrad", "meanSquare"]);
  assert.equal(slots(createOptimizer("adagrad", { preset: "keras" })), ["count", "sumSquares"]);
  assert.equal(slots(createOptimizer("sgd")), ["count"]);
  // before any step E = 0, so the rate is α/√ε
  const fresh = createOptimizer("rmsprop");
  assert.equal(Array.from(fresh.rates(fresh.init(params), new Float64Array(3))), [0.001 / Math.sqrt(1e-8), 0.001 / Math.sqrt(1e-8), 0.001 / Math.sqrt(1e-8)]);
});
test.run();
