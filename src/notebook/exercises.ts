/**
 * Checks for the notebooks' exercises. A learner writes a rule (or finds a number) in one cell and runs the check in
 * the next: it prints a pass, or throws an ExerciseError with the first difference and a hint that teaches. Rules
 * are compared with a reference on many random states drawn by fast-check; where they differ, the case where they
 * differ most is shown.
 */
import { ValidationError } from "../errors";
import { elementwise } from "../optim/rule";
import type { LearningRate, Leaves, Optimizer } from "../optim/types";
import { sci } from "./text";

/** An exercise's answer is not (yet) right: the message says what differs and gives a hint. */
export class ExerciseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExerciseError";
  }
}

/** The first case where a learner's rule and the reference part ways. */
export interface Difference {
  /** 1-based step at which they differ (both had agreed before it) */
  readonly step: number;
  /** the gradient and the parameter at that step */
  readonly g: number;
  readonly theta: number;
  /** θ after the step, the learner's and the reference's */
  readonly mine: number;
  readonly reference: number;
  /** the step itself, θ_new − θ, the learner's and the reference's */
  readonly mineStep: number;
  readonly referenceStep: number;
}

export interface RuleCheckOptions {
  /** how the messages name the reference, e.g. "RMSProp with ε outside the root" (default: its name) */
  readonly label?: string;
  /** where to start, shown while the answer is not written yet (the student's stub throws) */
  readonly todo: string;
  /** turns the first difference into a hint (default: none) */
  readonly hint?: (d: Difference) => string;
  /** random cases (default 200) and steps per case (default 6) */
  readonly runs?: number;
  readonly steps?: number;
  /** the largest difference between the two steps, relative to the larger (default 1e-6: another order of
   * arithmetic passes) */
  readonly tolerance?: number;
  /** fast-check's seed, so that a check fails the same way every time (default 42) */
  readonly seed?: number;
}

type FastCheck = typeof import("fast-check");

/**
 * S, inferred from `settings` only (TypeScript 5.0 has no NoInfer): without it, tslab's non-strict checker infers
 * S from a rule written `rule({ lr = 0.01, beta = 0.9 } = {})` as `{ lr?: number; … }` and refuses the settings.
 */
type Settings<S> = [S][S extends unknown ? 0 : never];

/** |g| from 1e-12 to 1e3, either sign: gradients of every scale a network meets, tiny ones included. */
function gradient(fc: FastCheck) {
  return fc.tuple(fc.boolean(), fc.integer({ min: -12, max: 3 }), fc.double({ min: 1, max: 9.99, noNaN: true }))
    .map(([negative, exponent, mantissa]) => (negative ? -1 : 1) * mantissa * 10 ** exponent);
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Build the learner's optimizer, turning "not written yet" and other throws into an ExerciseError. */
function build(rule: (settings: never) => Optimizer, settings: object, label: string, todo: string): Optimizer {
  if (typeof rule !== "function") throw new ValidationError("rule", rule, "a function (settings) => optimizer, such as the one your cell defines");
  let opt: Optimizer;
  try {
    opt = rule(settings as never);
  } catch (e) {
    throw new ExerciseError(`❌ your rule threw before its first step: ${describeError(e)}. Write it in the cell above, then re-run it and this check (${label}). Hint: ${todo}`);
  }
  if (!opt || typeof opt.init !== "function" || typeof opt.update !== "function") {
    throw new ExerciseError(`❌ your rule returned ${String(opt)}, not an optimizer: return rms.optim.elementwise({ name, config, slots, step }).`);
  }
  return opt;
}

/**
 * Check a learner's rule against `reference` on many random states: the same starting θ, the same gradients for
 * several steps, the same θ after each (within `tolerance` of the step). `rule(settings)` must build the learner's
 * optimizer; `reference` is built with the same settings. Prints a pass; throws an ExerciseError on the first
 * difference, with `hint` applied to it, or, while the rule is not written yet (it throws), with `todo`.
 */
export function checkRule<S extends LearningRate>(
  rule: (settings: Settings<S>) => Optimizer, settings: S, reference: Optimizer, options: RuleCheckOptions,
): void {
  const fc = require("fast-check") as FastCheck;
  if (!reference || typeof reference.update !== "function") throw new ValidationError("reference", reference, "an optimizer");
  const label = options.label ?? reference.name;
  const runs = options.runs ?? 200;
  const steps = options.steps ?? 6;
  const tolerance = options.tolerance ?? 1e-6;
  const mine = build(rule as (s: never) => Optimizer, settings, label, options.todo);
  const theta0 = fc.double({ min: -3, max: 3, noNaN: true });
  const caseArb = fc.tuple(theta0, fc.array(gradient(fc), { minLength: steps, maxLength: steps }));
  let thrown: string | undefined;
  /** the first step of one case at which the two rules part ways, with how far apart they are relative to the step */
  const compare = ([theta, gs]: [number, number[]]): { d: Difference; gap: number } | undefined => {
    let p: Leaves = { w: Float64Array.of(theta) };
    let q: Leaves = { w: Float64Array.of(theta) };
    let sMine = mine.init(p);
    let sRef = reference.init(q);
    for (let t = 0; t < gs.length; t++) {
      const g = gs[t]!;
      const before = p.w![0]!;
      const beforeRef = q.w![0]!;
      let next: { params: Leaves; state: typeof sMine };
      try {
        next = mine.update({ w: Float64Array.of(g) }, sMine, p);
      } catch (e) {
        thrown = describeError(e);
        return undefined;
      }
      const ref = reference.update({ w: Float64Array.of(g) }, sRef, q);
      const [a, b] = [next.params.w![0]!, ref.params.w![0]!];
      const [mineStep, referenceStep] = [a - before, b - beforeRef];
      const scale = Math.max(Math.abs(mineStep), Math.abs(referenceStep));
      const same = Math.abs(mineStep - referenceStep) <= tolerance * scale + 1e-15 * Math.abs(b) || (Number.isNaN(mineStep) && Number.isNaN(referenceStep));
      if (!same) {
        const gap = Number.isNaN(mineStep - referenceStep) ? Infinity : Math.abs(mineStep - referenceStep) / (scale || Number.MIN_VALUE);
        return { d: { step: t + 1, g, theta: before, mine: a, reference: b, mineStep, referenceStep }, gap };
      }
      [p, sMine, q, sRef] = [next.params, next.state, ref.params, ref.state];
    }
    return undefined;
  };
  // every case is tried, and the one where the rules differ most is shown: it is the one that teaches
  let worst: { d: Difference; gap: number } | undefined;
  for (const c of fc.sample(caseArb, { numRuns: runs, seed: options.seed ?? 42 })) {
    const r = compare(c as [number, number[]]);
    if (thrown !== undefined) throw new ExerciseError(`❌ your rule threw during a step: ${thrown} (${label}).`);
    if (r && (!worst || r.gap > worst.gap)) worst = r;
  }
  if (worst) {
    const d = worst.d;
    const where = `at step ${d.step}, with θ = ${sci(d.theta, 3)} and g = ${sci(d.g, 3)}`;
    const what = `your step is ${sci(d.mineStep, 3)} and ${label}'s is ${sci(d.referenceStep, 3)}`;
    throw new ExerciseError(`❌ not yet: ${where}, ${what}.${options.hint ? ` Hint: ${options.hint(d)}` : ""}`);
  }
  console.log(`✅ pass: your rule takes the same steps as ${label} on ${runs} random cases of ${steps} steps each.`);
}

export interface ValueCheckOptions {
  /** the largest |answer − expected| / |expected| allowed (default 0.01) */
  readonly tolerance?: number;
  /** what the answer means, for the messages, e.g. "the largest α at which SGD still converges" */
  readonly about: string;
  /** where to start, shown while the answer is not written yet (the student's stub throws) */
  readonly todo: string;
  /** a hint when the answer is too low / too high */
  readonly low?: string;
  readonly high?: string;
}

/**
 * Check a number the learner found: prints a pass, or throws an ExerciseError saying too low or too high. Pass the
 * answer as a function (`() => myAnswer()`) so that a stub that throws "not written yet" is reported with the hint.
 */
export function checkValue(answer: number | (() => number), expected: number, options: ValueCheckOptions): void {
  if (typeof expected !== "number" || !Number.isFinite(expected) || expected === 0) {
    throw new ValidationError("expected", expected, "a finite number other than 0");
  }
  if (typeof answer === "function") {
    try {
      answer = answer();
    } catch (e) {
      throw new ExerciseError(`❌ ${options.about}: your answer threw: ${describeError(e)}. Write it in the cell above and re-run it. Hint: ${options.todo}`);
    }
  }
  if (typeof answer !== "number" || !Number.isFinite(answer)) {
    throw new ExerciseError(`❌ ${options.about}: your answer is ${String(answer)}; write a finite number in the cell above and re-run it.`);
  }
  const tolerance = options.tolerance ?? 0.01;
  const off = (answer - expected) / Math.abs(expected);
  if (Math.abs(off) <= tolerance) {
    const within = tolerance === 0 ? "exactly the measured value" : `within ${Number((tolerance * 100).toPrecision(3))}% of the measured value`;
    console.log(`✅ pass: ${options.about} is ${answer} (${within}).`);
    return;
  }
  const hint = off < 0 ? options.low : options.high;
  throw new ExerciseError(`❌ ${options.about}: ${answer} is too ${off < 0 ? "low" : "high"}.${hint ? ` Hint: ${hint}` : ""}`);
}

/**
 * The reference of 7_4's Nesterov exercise, as PyTorch's `SGD(momentum=β, nesterov=True)` writes it (no dampening):
 * v ← β·v + g;  θ ← θ − α·(g + β·v). It is Sutskever's look-ahead form, v ← β·v − α·∇f(θ + β·v), θ ← θ + v, written
 * for the look-ahead point θ + β·v, so it needs only the gradient at θ; test/notebook-7_4.test.ts checks both that
 * and that it moves θ as an SGD step with α followed by a heavy-ball step with α·β on the same gradient.
 */
export function nesterovReference({ lr = 0.01, beta = 0.9 }: { lr?: number; beta?: number } = {}): Optimizer {
  return elementwise({
    name: "nesterov",
    config: { lr, beta },
    slots: { velocity: 0 },
    step(g, theta, s) {
      s.velocity = beta * s.velocity + g;
      return theta - lr * (g + beta * s.velocity);
    },
    rate: () => lr / (1 - beta),
  });
}
