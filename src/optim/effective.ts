import { ValidationError } from "../errors";
import { rootDenominator } from "./rule";
import type { BaseState, Leaves, Optimizer } from "./types";

/**
 * The step size each parameter gets right now, α/denominator, read from an optimizer's state: α/√(G + ε) for
 * AdaGrad, α/√(E[g²] + ε) for RMSProp (with its options), α for SGD. Writes one value per parameter into `out`
 * (in the order of the state's leaves) and returns it.
 */
export function effectiveLearningRates(opt: Optimizer, state: BaseState, out: Float64Array): Float64Array {
  const c = opt.config;
  const lr = Number(c.lr);
  const eps = Number(c.eps);
  const inside = c.epsInsideSqrt !== false;
  const denom = (v: number) => rootDenominator(v, eps, inside);
  const slots = state as unknown as Record<string, Leaves>;
  let k = 0;
  const each = (leaves: Leaves, f: (name: string, i: number, v: number) => number) => {
    for (const name in leaves) {
      const a = leaves[name]!;
      for (let i = 0; i < a.length; i++) out[k++] = f(name, i, a[i]!);
    }
  };
  switch (opt.name) {
    case "sgd":
      out.fill(lr);
      return out;
    case "adagrad":
      each(slots.sumSquares!, (_n, _i, G) => lr / denom(G));
      return out;
    case "rmsprop": {
      const beta = Number(c.beta);
      const correction = c.biasCorrection ? 1 - beta ** state.count : 1;
      const meanGrad = slots.meanGrad!;
      each(slots.meanSquare!, (name, i, E) => {
        const m = c.centered ? meanGrad[name]![i]! : 0;
        return lr / denom((E - m * m) / correction);
      });
      return out;
    }
    default:
      throw new ValidationError("optimizer", opt.name, "sgd, adagrad or rmsprop (an effective learning rate α/denominator)");
  }
}
