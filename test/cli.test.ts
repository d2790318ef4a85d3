import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { OPTIMIZER_NAMES, OPTIMIZERS } from "../src/optim/index";
import { closeRel, original, ROOT } from "./helpers";

const TSX = join(ROOT, "node_modules", ".bin", "tsx");
// the CLI's own output only: no colour variables that make Node print warnings of its own
const { FORCE_COLOR: _f, NO_COLOR: _n, ...ENV } = process.env;
function cli(...args: string[]) {
  const r = spawnSync(TSX, [join(ROOT, "src", "cli.ts"), ...args], { encoding: "utf8", cwd: ROOT, env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("compare prints the original §7 cell's output, byte for byte", () => {
  const r = cli("compare");
  assert.is(r.code, 0, r.stderr);
  assert.fixture(r.stdout, original().cell_stdout[6]!);
});

test("train --json prints one JSON object in numpy's shapes, matching the original's numbers for another β/lr", () => {
  const v = original().variants.find((x) => x.optimizer === "rmsprop" && x.beta === 0.99)!;
  const r = cli("train", "--optimizer", "rmsprop", "--lr", String(v.lr), "--beta", String(v.beta), "--epochs", String(v.epochs), "--json");
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trim().split("\n").length, 1, "exactly one line of output");
  const out = JSON.parse(r.stdout) as { config: Record<string, unknown>; losses: number[]; accuracies: number[]; params: Record<string, number[][]> };
  assert.equal(Object.keys(out), ["config", "losses", "accuracies", "params"]);
  assert.equal(out.config, {
    optimizer: "rmsprop", lr: 0.01, beta: 0.99, eps: 1e-8, epsInsideSqrt: true, initialAccumulator: 0, centered: false, momentum: 0,
    weightDecay: 0, biasCorrection: false, arithmetic: "numpy", epochs: 500, hidden: 10, samples: 300, noise: 0.1, seed: 42,
  });
  closeRel(out.losses, v.losses, 1e-10, "losses");
  assert.equal(out.accuracies, v.accuracies);
  assert.equal([out.params.W1!.length, out.params.W1![0]!.length], [10, 2]);
  assert.equal([out.params.b1!.length, out.params.b1![0]!.length], [10, 1]);
  assert.equal([out.params.W2!.length, out.params.W2![0]!.length], [1, 10]);
  assert.equal([out.params.b2!.length, out.params.b2![0]!.length], [1, 1]);
  closeRel(out.params.W1!.flat(), v.params.W1.flat(), 1e-9, "W1");
});

test("train without --json shows progress and the original's summary lines", () => {
  const r = cli("train", "--optimizer", "adagrad", "--epochs", "400", "--hidden", "8", "--samples", "100");
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Training adagrad .* for 400 epochs/);
  assert.match(r.stdout, /Epoch  200: Loss = 0\.\d{4}, Accuracy = 0\.\d{4}\nEpoch  400:/);
  assert.match(r.stdout, /Final Loss: 0\.\d{4}\n   Final Accuracy: 0\.\d{4}\n$/);
});

test("train accepts presets and the framework options, and reports them in the JSON config", () => {
  const r = cli("train", "--optimizer", "rmsprop", "--preset", "pytorch", "--centered", "--momentum", "0.9", "--weight-decay", "0.01", "--bias-correction", "--epochs", "5", "--json");
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { config: Record<string, unknown>; losses: number[] };
  assert.equal(out.config, {
    optimizer: "rmsprop", preset: "pytorch", lr: 0.01, beta: 0.99, eps: 1e-8, epsInsideSqrt: false, initialAccumulator: 0, centered: true,
    momentum: 0.9, weightDecay: 0.01, biasCorrection: true, arithmetic: "torch", epochs: 5, hidden: 10, samples: 300, noise: 0.1, seed: 42,
  });
  assert.is(out.losses.length, 5);
  const adam = JSON.parse(cli("train", "--optimizer", "adam", "--beta1", "0.8", "--beta2", "0.99", "--epochs", "3", "--json").stdout) as { config: Record<string, unknown> };
  assert.equal([adam.config.beta1, adam.config.beta2], [0.8, 0.99]);
});

test("train --optimizer adamw: the registry's entry, with torch.optim.AdamW's defaults; its flags in the help", () => {
  const r = cli("train", "--optimizer", "adamw", "--epochs", "4", "--weight-decay", "0.1", "--json");
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { config: Record<string, unknown>; losses: number[] };
  assert.equal(out.config, {
    optimizer: "adamw", lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, epochs: 4, hidden: 10, samples: 300, noise: 0.1, seed: 42,
  });
  assert.is(out.losses.length, 4);
  const help = cli("help").stdout;
  for (const name of OPTIMIZER_NAMES) assert.match(help, new RegExp(`^  ${name} \\(${OPTIMIZERS[name].label}\\):$`, "m"));
  assert.ok(help.includes(`--optimizer ${OPTIMIZER_NAMES.join("|")}`));
  assert.match(help, /--weight-decay: λ, decoupled weight decay, θ − α·λ·θ \(torch\.optim\.AdamW\) \(default 0\.01\)/);
});

test("minimize --json prints the trajectory and values (d2l, RMSProp, η 0.4, γ 0.9)", () => {
  const r = cli("minimize", "--function", "d2l", "--x0", "-5,-2", "--optimizer", "rmsprop", "--lr", "0.4", "--beta", "0.9", "--eps", "1e-6", "--steps", "20", "--json");
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { trajectory: number[][]; values: number[] };
  assert.equal(Object.keys(out), ["trajectory", "values"]);
  assert.is(out.trajectory.length, 21);
  assert.equal(out.trajectory[0], [-5, -2]);
  // first step by hand: s = 0.1·g², x −= 0.4·g/√(s + 1e-6) with g = (−1, −8)
  assert.ok(Math.abs(out.trajectory[1]![0]! - (-5 + 0.4 / Math.sqrt(0.1 + 1e-6))) < 1e-14);
  assert.ok(Math.abs(out.trajectory[1]![1]! - (-2 + 0.4 * 8 / Math.sqrt(6.4 + 1e-6))) < 1e-14);
  assert.is(out.values[0], 10.5);
  assert.ok(out.values[20]! < 1e-4);
  const text = cli("minimize", "--function", "quadratic", "--x0", "1", "--optimizer", "sgd", "--lr", "0.5", "--steps", "2");
  assert.match(text.stdout, /step    2: x = \(0\.25000000\), f = 0\.031250000/);
});

test("a diverging run ends early with exit code 1 and a clear line", () => {
  const r = cli("train", "--optimizer", "sgd", "--lr", "1e300", "--epochs", "10");
  assert.is(r.code, 1);
  assert.match(r.stdout, /❌ SGD diverged at epoch 2: the loss is NaN/);
});

const BAD: [string[], RegExp][] = [
  [["train"], /--optimizer: undefined/],
  [["train", "--optimizer", "lion"], new RegExp(`--optimizer: "lion" \\(expected one of ${OPTIMIZER_NAMES.join(", ")}\\)`)],
  [["train", "--optimizer", "rmsprop", "--lr", "abc"], /--lr: "abc"/],
  [["train", "--optimizer", "rmsprop", "--lr", "-0.1"], /--lr: -0\.1 \(expected a finite number > 0\)/],
  [["train", "--optimizer", "rmsprop", "--lr", "0"], /--lr: 0/],
  [["train", "--optimizer", "rmsprop", "--beta", "1"], /--beta: 1 \(expected a number in \[0, 1\)\)/],
  [["train", "--optimizer", "rmsprop", "--eps", "0"], /--eps: 0/],
  [["train", "--optimizer", "sgd", "--beta", "0.9"], /--beta: 0\.9 \(expected no beta: optimizer sgd takes lr\)/],
  [["train", "--optimizer", "rmsprop", "--epochs", "2.5"], /--epochs: "2\.5" \(expected an integer\)/],
  [["train", "--optimizer", "rmsprop", "--epochs", "0"], /--epochs: 0/],
  [["train", "--optimizer", "rmsprop", "--hidden", "-3"], /--hidden: -3/],
  [["train", "--optimizer", "rmsprop", "--samples", "301"], /--samples: 301 \(expected an even integer/],
  [["train", "--optimizer", "rmsprop", "--noise", "nan"], /--noise: "nan"/],
  [["train", "--optimizer", "rmsprop", "--seed", "-1"], /--seed: -1/],
  [["train", "--optimizer", "rmsprop", "--lr"], /--lr: undefined \(expected a value after --lr\)/],
  [["train", "--optimizer", "rmsprop", "--bogus", "1"], /flag: "--bogus"/],
  [["train", "--optimizer", "rmsprop", "--json=yes"], /--json: "yes"/],
  [["frobnicate"], /command: "frobnicate" \(expected train, minimize, compare or help\)/],
  [["train", "--optimizer", "rmsprop", "--preset", "jax"], /--preset: "jax" \(expected one of original, pytorch, keras, optax, tf1\)/],
  [["train", "--optimizer", "sgd", "--preset", "pytorch"], /--preset: "pytorch" \(expected no preset: presets exist for adagrad and rmsprop only\)/],
  [["train", "--optimizer", "adam", "--beta", "0.8"], /--beta: 0\.8 \(expected no beta: optimizer adam takes lr, beta1, beta2, eps, weightDecay\)/],
  [["train", "--optimizer", "adamw", "--weight-decay", "-0.1"], /--weight-decay: -0\.1 \(expected a finite number >= 0\)/],
  [["train", "--optimizer", "rmsprop", "--momentum", "1.5"], /--momentum: 1\.5 \(expected a number in \[0, 1\)\)/],
  [["train", "--optimizer", "rmsprop", "--weight-decay", "-1"], /--weight-decay: -1 \(expected a finite number >= 0\)/],
  [["train", "--optimizer", "rmsprop", "--arithmetic", "float32"], /--arithmetic: "float32" \(expected one of "numpy", "torch"\)/],
  [["train", "--optimizer", "sgd", "--arithmetic", "torch"], /--arithmetic: "torch" \(expected no arithmetic: optimizer sgd takes/],
  [["train", "--optimizer", "adagrad", "--centered"], /--centered: true \(expected no centered/],
  [["train", "--optimizer", "adam", "--beta2", "1"], /--beta2: 1 \(expected a number in \[0, 1\)\)/],
  [["minimize", "--function", "d2l", "--x0", "-5", "--optimizer", "sgd"], /--x0: "-5" \(expected 2 coordinates for d2l\)/],
  [["minimize", "--function", "banana", "--x0", "1,1", "--optimizer", "sgd"], /--function: "banana"/],
  [["minimize", "--function", "d2l", "--x0", "a,b", "--optimizer", "sgd"], /--x0: "a"/],
  [["minimize", "--function", "d2l", "--optimizer", "sgd"], /--x0: undefined/],
  [["minimize", "--function", "d2l", "--x0", "1,1", "--optimizer", "sgd", "--steps", "-1"], /--steps: -1/],
  [["compare", "--epochs", "x"], /--epochs: "x"/],
];

test("bad flags and values: exit 2, one line on stderr naming the flag and value, no stack trace", () => {
  for (const [args, re] of BAD) {
    const r = cli(...args);
    assert.is(r.code, 2, `${args.join(" ")} → exit ${r.code}\n${r.stderr}`);
    assert.is(r.stdout, "", `${args.join(" ")}: nothing on stdout`);
    const lines = r.stderr.trim().split("\n");
    assert.is(lines.length, 1, `${args.join(" ")}: one line, got\n${r.stderr}`);
    assert.match(lines[0]!, /^error: invalid /);
    assert.match(lines[0]!, re, args.join(" "));
  }
});

test.run();
