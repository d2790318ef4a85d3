#!/usr/bin/env node
/**
 * Command line for the library; `npm run -s cli -- help` lists the commands and flags.
 * Bad flags or values: exit code 2 and one line naming the flag and the value.
 */
import { DEFAULTS } from "./defaults";
import { ValidationError } from "./errors";
import { toNested } from "./matrix";
import { paramShapes, PARAM_NAMES } from "./nn/mlp";
import { createOptimizer, entryOf, OPTIMIZER_NAMES, type OptimizerOptions, type OptionInfo } from "./optim/index";
import { compareOriginal, prepare, runPrepared, RUN_SETTINGS, type RunConfig } from "./train/experiments";
import { minimize, objective, OBJECTIVES } from "./train/minimize";
import { completionLines, verboseProgress } from "./train/report";

type FlagKind = "number" | "integer" | "boolean" | "string";
/** A flag: what it parses to, and for a string the values it takes. */
interface Flag {
  readonly kind: FlagKind;
  readonly values?: readonly string[];
}
const flag = (kind: FlagKind, values?: readonly string[]): Flag => (values ? { kind, values } : { kind });

/** A setting's flag: `weightDecay` → `weight-decay`. The CLI's flags are the library's names, in kebab case. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** A flag's setting: `weight-decay` → `weightDecay`. */
const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The flags of the registry's options (src/optim/options): each option any optimizer takes, as it is typed by its
 * defaults. A boolean option is a switch that turns it on: one that is on by default everywhere has no flag.
 */
function optionFlags(): Record<string, Flag> {
  const flags: Record<string, Flag> = {};
  const presets = OPTIMIZER_NAMES.flatMap((n) => Object.keys(entryOf(n).presets ?? {}));
  if (presets.length > 0) flags.preset = flag("string", [...new Set(presets)]);
  for (const n of OPTIMIZER_NAMES) {
    const e = entryOf(n);
    for (const [name, value] of Object.entries(e.defaults)) {
      if (value === true && OPTIMIZER_NAMES.every((o) => (entryOf(o).defaults as Record<string, unknown>)[name] !== false)) continue;
      const kind = typeof value === "boolean" ? "boolean" : typeof value === "string" ? "string" : "number";
      flags[kebab(name)] ??= flag(kind, e.options[name as keyof typeof e.options].values);
    }
  }
  return flags;
}
const runFlags = () => Object.fromEntries(Object.entries(RUN_SETTINGS).map(([name, s]) => [kebab(name), flag(s.kind)]));

const OPTIMIZER_FLAGS = { optimizer: flag("string", OPTIMIZER_NAMES), ...optionFlags() };
const TRAIN_FLAGS = { ...OPTIMIZER_FLAGS, ...runFlags(), json: flag("boolean") };
const MINIMIZE_FLAGS = { ...OPTIMIZER_FLAGS, function: flag("string"), x0: flag("string"), steps: flag("integer"), json: flag("boolean") };
const COMPARE_FLAGS = { epochs: flag("integer") };

/** What a flag's value looks like in the usage text. */
const placeholder = (f: Flag) => f.values?.join("|") ?? (f.kind === "integer" ? "n" : "x");

/** `[--lr x] [--centered] …` from a table of flags, wrapped to lines of at most 100 characters. */
function usageOf(table: Record<string, Flag>, skip: readonly string[], first: string): string {
  const parts = Object.entries(table).filter(([name]) => !skip.includes(name))
    .map(([name, f]) => (f.kind === "boolean" ? `[--${name}]` : `[--${name} ${placeholder(f)}]`));
  const lines = [first];
  for (const part of parts) {
    if (lines[lines.length - 1]!.length + part.length + 1 > 100) lines.push(" ".repeat(26));
    lines[lines.length - 1] += ` ${part}`;
  }
  return lines.join("\n");
}
/** Each optimizer's flags, from the registry: `  adam: --lr (α, the learning rate), --beta1 (β₁, …), …`. */
const optimizerHelp = () => OPTIMIZER_NAMES.map((n) => {
  const e = entryOf(n);
  const options = Object.entries(e.options as Record<string, OptionInfo>).filter(([name]) => kebab(name) in OPTIMIZER_FLAGS)
    .map(([name, o]) => `    --${kebab(name)}: ${o.symbol}, ${o.about} (default ${String((e.defaults as Record<string, unknown>)[name])})`);
  const presets = e.presets ? [`    --preset: one framework's defaults, ${Object.keys(e.presets).join(", ")}`] : [];
  return [`  ${n} (${e.label}):`, ...options, ...presets].join("\n");
}).join("\n");
const USAGE = `usage:
${usageOf(TRAIN_FLAGS, ["optimizer"], `  npm run -s cli -- train --optimizer ${OPTIMIZER_NAMES.join("|")}`)}
${usageOf(OPTIMIZER_FLAGS, ["optimizer"], `  npm run -s cli -- minimize --function ${Object.keys(OBJECTIVES).join("|")} --x0 a[,b] --optimizer …`)}
                           [--steps n] [--json]
  npm run -s cli -- compare [--epochs n]
  npm run -s cli -- help
each optimizer's flags:
${optimizerHelp()}`;

type Flags = Record<string, string | number | boolean>;

/** Parse `--name value` / `--name=value` / `--switch` against a table; anything else is a ValidationError. */
export function parseFlags(argv: readonly string[], table: Record<string, Flag>): Flags {
  const out: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new ValidationError("argument", arg, `a flag, one of ${flagList(table)}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = table[name]?.kind;
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

function flagList(table: Record<string, Flag>): string {
  return Object.keys(table).map((k) => `--${k}`).join(", ");
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function parseNumber(flag: string, raw: string, integer: boolean): number {
  const value = NUMBER.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw new ValidationError(flag, raw, integer ? "an integer" : "a finite number");
  if (integer && !Number.isInteger(value)) throw new ValidationError(flag, raw, "an integer");
  return value;
}

/** Flags to the library's settings: `--weight-decay` → `weightDecay`. */
function settings(flags: Flags): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(flags).map(([k, v]) => [camel(k), v]));
}

function requireOptimizer(flags: Flags): void {
  if (flags.optimizer === undefined) throw new ValidationError("--optimizer", undefined, `one of ${OPTIMIZER_NAMES.join(", ")}`);
}

function runTrain(argv: readonly string[], out: (s: string) => void): number {
  const flags = parseFlags(argv, TRAIN_FLAGS);
  requireOptimizer(flags);
  const { json, ...rest } = settings(flags);
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
  out(`Training ${c.optimizer} ${JSON.stringify(prepared.optimizer.config)} for ${c.epochs} epochs${c.batchSize === undefined ? "" : ` in mini-batches of ${c.batchSize}`} on the spiral (${c.samples} samples, noise ${c.noise}, ${c.hidden} hidden units, seed ${c.seed})`);
  const run = runPrepared(prepared, verboseProgress(out));
  for (const line of completionLines(run)) out(line);
  return run.diverged ? 1 : 0;
}

function runMinimize(argv: readonly string[], out: (s: string) => void): number {
  const flags = parseFlags(argv, MINIMIZE_FLAGS);
  requireOptimizer(flags);
  if (flags.function === undefined) throw new ValidationError("--function", undefined, `one of ${Object.keys(OBJECTIVES).join(", ")}`);
  if (flags.x0 === undefined) throw new ValidationError("--x0", undefined, "a starting point such as -5,-2");
  const { json, function: fn, x0, steps, optimizer: name, ...options } = settings(flags);
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
        compareOriginal(out, (flags.epochs as number | undefined) ?? DEFAULTS.epochs);
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
      // the library names its setting (`weightDecay`); the CLI says its flag for it (`--weight-decay`)
      const said = kebab(e.parameter) in TRAIN_FLAGS || kebab(e.parameter) in MINIMIZE_FLAGS ? `--${kebab(e.parameter)}` : e.parameter;
      console.error(`error: ${new ValidationError(said, e.value, e.allowed).message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
