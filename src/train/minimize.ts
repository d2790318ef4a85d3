import { ValidationError, checkInteger } from "../errors";
import { labelOf } from "../optim/options";
import type { Optimizer } from "../optim/types";

/** A differentiable test function of a point x. */
export interface Objective {
  readonly name: string;
  readonly formula: string;
  /** required length of x (undefined: any) */
  readonly dims?: number;
  value(x: Float64Array): number;
  /** ∇f(x), written into `out` */
  gradient(x: Float64Array, out: Float64Array): void;
}

export const OBJECTIVES = {
  quadratic: {
    name: "quadratic",
    formula: "f(x) = Σ xᵢ²/2",
    value: (x) => x.reduce((s, v) => s + (v * v) / 2, 0),
    gradient: (x, out) => out.set(x),
  },
  d2l: {
    name: "d2l",
    formula: "f(x) = 0.1·x₁² + 2·x₂²",
    dims: 2,
    value: (x) => 0.1 * x[0]! ** 2 + 2 * x[1]! ** 2,
    gradient: (x, out) => {
      out[0] = 0.2 * x[0]!;
      out[1] = 4 * x[1]!;
    },
  },
  rosenbrock: {
    name: "rosenbrock",
    formula: "f(x, y) = (1 − x)² + 100·(y − x²)²",
    dims: 2,
    value: (x) => (1 - x[0]!) ** 2 + 100 * (x[1]! - x[0]! ** 2) ** 2,
    gradient: (x, out) => {
      const [a, b] = [x[0]!, x[1]!];
      out[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      out[1] = 200 * (b - a * a);
    },
  },
} as const satisfies Record<string, Objective>;
export type ObjectiveName = keyof typeof OBJECTIVES;

export interface MinimizeResult {
  /** x₀, x₁, …: one point per step, the start included */
  readonly trajectory: number[][];
  /** f at each point of the trajectory */
  readonly values: number[];
  /** set when f or x stopped being finite; the trajectory ends before */
  readonly diverged?: { readonly step: number; readonly message: string };
}

export function objective(name: string): Objective {
  if (!(name in OBJECTIVES)) throw new ValidationError("function", name, `one of ${Object.keys(OBJECTIVES).join(", ")}`);
  return OBJECTIVES[name as ObjectiveName];
}

/** Run `steps` updates of an optimizer on a test function from x₀ and record the path. */
export function minimize(f: Objective, x0: readonly number[], optimizer: Optimizer, steps: number): MinimizeResult {
  checkInteger("steps", steps, 0);
  if (x0.length === 0 || (f.dims !== undefined && x0.length !== f.dims)) {
    throw new ValidationError("x0", x0.join(","), f.dims === undefined ? "at least one coordinate" : `${f.dims} coordinates for ${f.name}`);
  }
  x0.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new ValidationError(`x0[${i}]`, v, "a finite number");
  });
  const params = { x: Float64Array.from(x0) };
  const grads = { x: new Float64Array(x0.length) };
  const state = optimizer.init(params);
  const trajectory = [Array.from(params.x)];
  const values = [f.value(params.x)];
  for (let step = 1; step <= steps; step++) {
    f.gradient(params.x, grads.x);
    optimizer.updateInto(grads, state, params, state, params);
    const value = f.value(params.x);
    if (!Number.isFinite(value) || !params.x.every(Number.isFinite)) {
      return { trajectory, values, diverged: { step, message: `${labelOf(optimizer.name)} diverged at step ${step} on ${f.name}: f = ${value}; try a smaller lr` } };
    }
    trajectory.push(Array.from(params.x));
    values.push(value);
  }
  return { trajectory, values };
}
