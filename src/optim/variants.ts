/**
 * AdaGrad and RMSProp as the frameworks define them: the rules of ./adagrad and ./rmsprop, with the options each
 * framework adds, composed from the pieces in ./pieces. With the original's settings they compute exactly what the
 * rules as taught compute (a test checks it bit for bit over whole training runs).
 */
import { checkBoolean, checkNonNegative, checkOneOf, checkUnitInterval } from "../errors";
import { ADAGRAD_DEFAULTS, checkAdaGrad, type AdaGradConfig } from "./adagrad";
import { centered, biasCorrection, chain, coupledWeightDecay, descend, meanSquare, momentumBuffer, rootDenominator, sumOfSquares } from "./pieces";
import { checkRMSProp, RMSPROP_DEFAULTS, type RMSPropConfig } from "./rmsprop";
import { ARITHMETIC, NUMPY, type Arithmetic } from "./rounding";
import { TORCH } from "./torch";
import type { Optimizer, SlotState } from "./types";

/** Where ε goes, where the accumulator starts, and whose rounding: what AdaGrad's and RMSProp's variants share. */
export interface Denominator {
  /** √(v + ε) (the original, Keras, optax, TF1) or √v + ε (PyTorch) */
  readonly epsInsideSqrt: boolean;
  /** the accumulator's starting value: 0 in the original and PyTorch, 0.1 for AdaGrad in Keras and optax, 1 for RMSProp in TF1 */
  readonly initialAccumulator: number;
  /** `"numpy"`: the original notebook's operation order; `"torch"`: torch.optim's rounding (see ./torch) */
  readonly arithmetic: Arithmetic;
}

export type AdaGradVariantConfig = AdaGradConfig & Denominator;

export interface RMSPropVariantConfig extends RMSPropConfig, Denominator {
  /** divide by the variance E[g²] − E[g]² instead of the mean square */
  readonly centered: boolean;
  /** μ: 0 for none; else b = μ·b + g/d and θ −= α·b (PyTorch and optax) */
  readonly momentum: number;
  /** coupled L2: g ← g + λ·θ before anything else (PyTorch's `weight_decay`) */
  readonly weightDecay: number;
  /** divide E by 1 − βᵗ (optax's `bias_correction`) */
  readonly biasCorrection: boolean;
}

/** The rules as taught: ε inside the root, accumulators from 0, numpy's rounding. */
export const AS_TAUGHT: Denominator = { epsInsideSqrt: true, initialAccumulator: 0, arithmetic: "numpy" };
export const ADAGRAD_VARIANT_DEFAULTS: AdaGradVariantConfig = { ...ADAGRAD_DEFAULTS, ...AS_TAUGHT };
export const RMSPROP_VARIANT_DEFAULTS: RMSPropVariantConfig = {
  ...RMSPROP_DEFAULTS, ...AS_TAUGHT, centered: false, momentum: 0, weightDecay: 0, biasCorrection: false,
};

function checkDenominator<C extends Denominator>(c: C): C {
  checkNonNegative("initialAccumulator", c.initialAccumulator);
  checkOneOf("arithmetic", c.arithmetic, ARITHMETIC);
  checkBoolean("epsInsideSqrt", c.epsInsideSqrt);
  return c;
}

/** AdaGrad with ε's placement, a starting accumulator G₀ and a rounding of choice. */
export function adagradVariant(config: Partial<AdaGradVariantConfig> = {}): Optimizer<AdaGradVariantConfig, SlotState<"sumSquares">> {
  const c = checkDenominator(checkAdaGrad({ ...ADAGRAD_VARIANT_DEFAULTS, ...config }));
  const r = c.arithmetic === "torch" ? TORCH : NUMPY;
  return chain<AdaGradVariantConfig, "sumSquares">("adagrad", c, [
    sumOfSquares(c.initialAccumulator, r),
    rootDenominator(c.eps, c.epsInsideSqrt),
    descend(c.lr, r),
  ]);
}

/** RMSProp with every framework's options: weight decay, E₀, centering, bias correction, ε's placement, momentum. */
export function rmspropVariant(config: Partial<RMSPropVariantConfig> = {}): Optimizer<RMSPropVariantConfig, SlotState<"meanSquare" | "meanGrad" | "buffer">> {
  const c = checkDenominator(checkRMSProp({ ...RMSPROP_VARIANT_DEFAULTS, ...config }));
  checkUnitInterval("momentum", c.momentum);
  checkNonNegative("weightDecay", c.weightDecay);
  checkBoolean("centered", c.centered);
  checkBoolean("biasCorrection", c.biasCorrection);
  const r = c.arithmetic === "torch" ? TORCH : NUMPY;
  return chain<RMSPropVariantConfig, "meanSquare" | "meanGrad" | "buffer">("rmsprop", c, [
    c.weightDecay > 0 && coupledWeightDecay(c.weightDecay, r),
    meanSquare(c.beta, c.initialAccumulator, r),
    c.centered && centered(c.beta, r),
    c.biasCorrection && biasCorrection(c.beta),
    rootDenominator(c.eps, c.epsInsideSqrt),
    c.momentum > 0 ? momentumBuffer(c.momentum, c.lr, r) : descend(c.lr, r),
  ]);
}
