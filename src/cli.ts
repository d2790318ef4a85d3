#!/usr/bin/env node
/**
 * Command line for the library.
 *   train   --optimizer sgd|adagrad|rmsprop [--lr x] [--beta x] [--eps x] [--epochs n] [--hidden n]
 *           [--samples n] [--noise x] [--seed n] [--json]
 *   compare [--epochs n]      the original notebook's §7 cell, same lines
 * Bad flags or values: exit code 2 and one line naming the flag and the value.
 */
import { ValidationError } from "./errors";
import { toNested } from "./matrix";
import { paramShapes, PARAM_NAMES } from "./nn/mlp";
import { OPTIMIZER_NAMES } from "./optim/index";
import { compareOriginal, prepare, runPrepared, type RunConfig } from "./train/experiments";

const USAGE = `usage:
  npm run -s cli -- train --optimizer ${OPTIMIZER_NAMES.join("|")} [--lr x] [--beta x] [--eps x] [--epochs n]
                          [--hidden n] [--samples n] [--noise x] [--seed n] [--json]
  npm run -s cli -- compare [--epochs n]
  npm run -s cli -- help`;

type FlagKind = "number" | "integer" | "string" | "boolean";
const TRAIN_FLAGS: Record<string, FlagKind> = {
  optimizer: "string", lr: "number", beta: "number", eps: "number", epochs: "integer", hidden: "integer",
  samples: "integer", noise: "number", seed: "integer", json: "boolean",
};
const COMPARE_FLAGS: Record<string, FlagKind> = { epochs: "integer" };

/** Parse `--name value` / `--name=value` / `--flag` against a table; anything else is a ValidationError. */
export function parseFlags(argv: readonly string[], table: Record<string, FlagKind>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
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

function runTrain(argv: readonly string[], out: (s: string) => void): number {
  const flags = parseFlags(argv, TRAIN_FLAGS);
  if (flags.optimizer === undefined) throw new ValidationError("--optimizer", undefined, `one of ${OPTIMIZER_NAMES.join(", ")}`);
  const { json, ...rest } = flags;
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

/** Library parameters that a CLI flag sets under another name. */
const FLAG_FOR_PARAMETER: Record<string, string> = { nSamples: "samples" };

/** Say the CLI's flag name (`--samples`) where the library named its own parameter (`nSamples`). */
function asFlagError(e: ValidationError): ValidationError {
  const name = FLAG_FOR_PARAMETER[e.parameter] ?? e.parameter;
  return name in TRAIN_FLAGS ? new ValidationError(`--${name}`, e.value, e.allowed) : e;
}

export function main(argv: readonly string[], out: (s: string) => void = (s) => console.log(s)): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "train":
        return runTrain(rest, out);
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
        throw new ValidationError("command", command ?? "(none)", "train, compare or help");
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
