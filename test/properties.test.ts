import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateSpiralData } from "../src/data/spiral";
import { adagrad, adagradVariant, adam, adamw, createOptimizer, momentum, OPTIMIZER_NAMES, rmsprop, rmspropVariant, type Leaves, type Optimizer } from "../src/optim/index";
import { fit } from "../src/train/fit";

const finite = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });
const vec = (n: number) => fc.array(finite, { minLength: n, maxLength: n });
const gradientStream = fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(vec(n), { minLength: 1, maxLength: 40 }));
const leaves = (v: number[]): Leaves => ({ w: Float64Array.from(v) });

test("same seed → the identical run, bit for bit (any seed, any optimizer)", () => {
  const data = generateSpiralData({ samples: 30 });
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(...OPTIMIZER_NAMES), (seed, name) => {
      const a = fit(data, createOptimizer(name), { epochs: 15, hidden: 4, seed });
      const b = fit(data, createOptimizer(name), { epochs: 15, hidden: 4, seed });
      return a.losses.every((v, i) => Object.is(v, b.losses[i])) && a.params.W1.every((v, i) => Object.is(v, b.params.W1[i]));
    }),
    { numRuns: 40 },
  );
});

test("AdaGrad's accumulator never decreases", () => {
  fc.assert(
    fc.property(gradientStream, (gs) => {
      const opt = adagrad({ lr: 0.1 });
      let p = leaves(gs[0]!.map(() => 0));
      let s = opt.init(p);
      for (const g of gs) {
        const next = opt.update(leaves(g), s, p);
        if (!next.state.sumSquares.w!.every((v, i) => v >= s.sumSquares.w![i]!)) return false;
        ({ params: p, state: s } = next);
      }
      return true;
    }),
  );
});

test("RMSProp's accumulator from a zero start stays within (1 − βᵗ)·[min g², max g²] ⊆ [0, max g²]", () => {
  fc.assert(
    fc.property(gradientStream, fc.double({ min: 0, max: 0.999, noNaN: true }), (gs, beta) => {
      const opt = rmsprop({ lr: 0.01, beta });
      let p = leaves(gs[0]!.map(() => 0));
      let s = opt.init(p);
      const lo = gs[0]!.map(() => Infinity);
      const hi = gs[0]!.map(() => 0);
      for (const [t, g] of gs.entries()) {
        g.forEach((v, i) => {
          lo[i] = Math.min(lo[i]!, v * v);
          hi[i] = Math.max(hi[i]!, v * v);
        });
        ({ params: p, state: s } = opt.update(leaves(g), s, p));
        const k = 1 - beta ** (t + 1);
        const ok = s.meanSquare.w!.every((E, i) => E >= 0 && E <= hi[i]! * (1 + 1e-12) && E >= k * lo[i]! * (1 - 1e-12) - 1e-300 && E <= k * hi[i]! * (1 + 1e-12));
        if (!ok) return false;
      }
      return true;
    }),
  );
});

test("RMSProp with β = 0 steps by exactly lr·g/√(g² + ε)", () => {
  fc.assert(
    fc.property(finite, fc.double({ min: 1e-6, max: 10, noNaN: true }), finite, (g, lr, theta) => {
      const opt = rmsprop({ lr, beta: 0 });
      const { params } = opt.update(leaves([g]), opt.init(leaves([theta])), leaves([theta]));
      return Object.is(params.w![0], theta - (lr / Math.sqrt(g * g + 1e-8)) * g);
    }),
  );
});

/** Every optimizer of the registry at its defaults, and the variants its entries' options make. */
const OPTIMIZERS: (() => Optimizer)[] = [
  ...OPTIMIZER_NAMES.map((name) => () => createOptimizer(name)),
  () => momentum({ ema: false }), () => adagrad(), () => adagradVariant({ epsInsideSqrt: false, initialAccumulator: 0.1 }),
  () => rmsprop(), () => rmspropVariant({ centered: true, momentum: 0.9, weightDecay: 0.01, biasCorrection: true, epsInsideSqrt: false }),
  () => rmspropVariant({ arithmetic: "torch", centered: true, momentum: 0.5 }), () => adam({ weightDecay: 0.01 }), () => adamw({ weightDecay: 0.1 }),
];

test("no optimizer mutates its inputs, and update (pure) equals updateInto (in place)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: OPTIMIZERS.length - 1 }), fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(vec(n), fc.array(vec(n), { minLength: 1, maxLength: 5 }))), (k, [theta, gs]) => {
      const opt = OPTIMIZERS[k]!();
      let p: Leaves = leaves(theta);
      let s = opt.init(p);
      const inPlace = { w: Float64Array.from(theta) };
      const inPlaceState = opt.init(inPlace);
      for (const g of gs) {
        const grads = leaves(g);
        const before = JSON.stringify([Array.from(grads.w!), Array.from(p.w!), s], (_k, v) => (v instanceof Float64Array ? Array.from(v) : v));
        const next = opt.update(grads, s, p);
        const after = JSON.stringify([Array.from(grads.w!), Array.from(p.w!), s], (_k, v) => (v instanceof Float64Array ? Array.from(v) : v));
        if (before !== after) return false;
        opt.updateInto(grads, inPlaceState, inPlace, inPlaceState, inPlace);
        if (!inPlace.w.every((v, i) => Object.is(v, next.params.w![i]))) return false;
        ({ params: p, state: s } = next);
      }
      return true;
    }),
  );
});

test.run();
