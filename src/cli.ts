#!/usr/bin/env node
/**
 * Command line for the library; `npm run -s cli -- help` lists the commands and flags.
 * Bad flags or values: exit code 2 and one line naming the flag and the value.
 */
import { ValidationError } from "./errors";
import { toNested } from "./matrix";
import { paramShapes, PARAM_NAMES } from "./nn/mlp";
import { createOptimizer, OPTIMIZER_NAMES, type OptimizerOptions } from "./optim/index";
import { compareOriginal, prepare, runPrepared, type RunConfig } from "./train/experiments";
import { minimize, objective, OBJECTIVES } from "./train/minimize";

const OPTIMIZER_FLAGS_USAGE = `--optimizer ${OPTIMIZER_NAMES.join("|")} [--preset seed|pytorch|keras|optax|tf1] [--lr x]
                 [--beta x] [--beta2 x] [--eps x] [--centered] [--momentum x] [--weight-decay x] [--bias-correction]
                 [--initial-accumulator x] [--arithmetic numpy|torch]`;
const USAGE = `usage:
  npm run -s cli -- train ${OPTIMIZER_FLAGS_USAGE}
                 [--epochs n] [--hidden n] [--samples n] [--noise x] [--seed n] [--json]
  npm run -s cli -- minimize --function ${Object.keys(OBJECTIVES).join("|")} --x0 a[,b] ${OPTIMIZER_FLAGS_USAGE}
                 [--steps n] [--json]
  npm run -s cli -- compare [--epochs n]
  npm run -s cli -- help
--beta is RMSProp's β, momentum's β and Adam's β₁; --preset applies to rmsprop and adagrad.
--arithmetic torch (set by --preset pytorch) rounds RMSProp's and AdaGrad's steps as PyTorch's CPU kernels do.`;

type FlagKind = "number" | "integer" | "string" | "boolean";
const OPTIMIZER_FLAGS: Record<string, FlagKind> = {
  optimizer: "string", preset: "string", lr: "number", beta: "number", beta2: "number", eps: "number", centered: "boolean",
  momentum: "number", "weight-decay": "number", "bias-correction": "boolean", "initial-accumulator": "number",
  arithmetic: "string",
};
const TRAIN_FLAGS: Record<string, FlagKind> = {
  ...OPTIMIZER_FLAGS, epochs: "integer", hidden: "integer", samples: "integer", noise: "number", seed: "integer", json: "boolean",
};
const MINIMIZE_FLAGS: Record<string, FlagKind> = { ...OPTIMIZER_FLAGS, function: "string", x0: "string", steps: "integer", json: "boolean" };
const COMPARE_FLAGS: Record<string, FlagKind> = { epochs: "integer" };

type Flags = Record<string, string | number | boolean>;

/** Parse `--name value` / `--name=value` / `--switch` against a table; anything else is a ValidationError. */
export function parseFlags(argv: readonly string[], table: Record<string, FlagKind>): Flags {
  const out: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new ValidationError("argument", arg, `a flag, one of ${flagList(table)}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = table[name];
    if (kind === undefined) throw new ValidationError("flag", `--${name}`, `one of ${flagList(table)}`);
    if (name in out) throw new ValidationError(`--${name}`, arg, "given once");
    if (kind === "boolean") {
      if (eq >= 0) throw new ValidationError(`--${name}`, arg.slice(eq + 1), "no value (it is a switch)");
      out[name] = true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new ValidationError(`--${name}`, undefined, `a value after --${name}`);
    out[name] = kind === "string" ? raw : parseNumber(`--${name}`, raw, kind === "integer");
  }
  return out;
}

function flagList(table: Record<string, FlagKind>): string {
  return Object.keys(table).map((k) => `--${k}`).join(", ");
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function parseNumber(flag: string, raw: string, integer: boolean): number {
  const value = NUMBER.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw new ValidationError(flag, raw, integer ? "an integer" : "a finite number");
  if (integer && !Number.isInteger(value)) throw new ValidationError(flag, raw, "an integer");
  return value;
}

/** `weight-decay` → `weightDecay`: flags to the library's option names. */
function camel(flags: Flags): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(flags).map(([k, v]) => [k.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
}

function requireOptimizer(flags: Flags): void {
  if (flags.optimizer === undefined) throw new ValidationError("--optimizer", undefined, `one of ${OPTIMIZER_NAMES.join(", ")}`);
}

function runTrain(argv: readonly string[], out: (s: string) => void): number {
  const flags = parseFlags(argv, TRAIN_FLAGS);
  requireOptimizer(flags);
  const { json, ...rest } = camel(flags);
  const prepared = prepare(rest as unknown as RunConfig);
  if (json) {
    const run = runPrepared(prepared);
    const shapes = paramShapes(run.shape);
    const params = Object.fromEntries(
      PARAM_NAMES.map((name) => [name, toNested({ rows: shapes[name][0], cols: shapes[name][1], data: run.params[name] })]),
    );
    out(JSON.stringify({
      config: run.runConfig,
      losses: Array.from(run.losses),
      accuracies: Array.from(run.accuracies),
      params,
      ...(run.diverged ? { diverged: run.diverged } : {}),
    }));
    return run.diverged ? 1 : 0;
  }
  const c = prepared.runConfig;
  out(`Training ${c.optimizer} ${JSON.stringify(prepared.optimizer.config)} for ${c.epochs} epochs on the spiral (${c.samples} samples, noise ${c.noise}, ${c.hidden} hidden units, seed ${c.seed})`);
  const run = runPrepared(prepared, { log: out });
  return run.diverged ? 1 : 0;
}

function runMinimize(argv: readonly string[], out: (s: string) => void): number {
  const flags = parseFlags(argv, MINIMIZE_FLAGS);
  requireOptimizer(flags);
  if (flags.function === undefined) throw new ValidationError("--function", undefined, `one of ${Object.keys(OBJECTIVES).join(", ")}`);
  if (flags.x0 === undefined) throw new ValidationError("--x0", undefined, "a starting point such as -5,-2");
  const { json, function: fn, x0, steps, optimizer: name, ...options } = camel(flags);
  const f = objective(String(fn));
  const start = String(x0).split(",").map((s) => parseNumber("--x0", s, false));
  const optimizer = createOptimizer(String(name), options as OptimizerOptions);
  const r = minimize(f, start, optimizer, (steps as number | undefined) ?? 20);
  if (json) {
    out(JSON.stringify({ trajectory: r.trajectory, values: r.values, ...(r.diverged ? { diverged: r.diverged } : {}) }));
  } else {
    out(`Minimizing ${f.formula} with ${optimizer.name} ${JSON.stringify(optimizer.config)} from (${start.join(", ")})`);
    r.trajectory.forEach((x, i) => out(`step ${String(i).padStart(4)}: x = (${x.map((v) => v.toPrecision(8)).join(", ")}), f = ${r.values[i]!.toPrecision(8)}`));
    if (r.diverged) out(`❌ ${r.diverged.message}`);
  }
  return r.diverged ? 1 : 0;
}

/** Library parameters that a CLI flag sets under another name. */
const FLAG_FOR_PARAMETER: Record<string, string> = {
  nSamples: "samples", weightDecay: "weight-decay", biasCorrection: "bias-correction", initialAccumulator: "initial-accumulator",
  beta1: "beta", function: "function", steps: "steps",
};

/** Say the CLI's flag name (`--samples`) where the library named its own parameter (`nSamples`). */
function asFlagError(e: ValidationError): ValidationError {
  const name = FLAG_FOR_PARAMETER[e.parameter] ?? e.parameter;
  return name in TRAIN_FLAGS || name in MINIMIZE_FLAGS ? new ValidationError(`--${name}`, e.value, e.allowed) : e;
}

export function main(argv: readonly string[], out: (s: string) => void = (s) => console.log(s)): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "train":
        return runTrain(rest, out);
      case "minimize":
        return runMinimize(rest, out);
      case "compare": {
        const flags = parseFlags(rest, COMPARE_FLAGS);
        compareOriginal(out, (flags.epochs as number | undefined) ?? 2000);
        return 0;
      }
      case "help":
      case "--help":
      case "-h":
        out(USAGE);
        return 0;
      default:
        throw new ValidationError("command", command ?? "(none)", "train, minimize, compare or help");
    }
  } catch (e) {
    if (e instanceof ValidationError) {
      console.error(`error: ${asFlagError(e).message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
