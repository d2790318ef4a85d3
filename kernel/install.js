#!/usr/bin/env node
// @ts-check
/**
 * Register this clone's TypeScript kernel (kernel/tslab-kernel.js on tslab) with Jupyter.
 *
 *   node kernel/install.js               into the project virtualenv, .venv/share/jupyter/kernels/tslab
 *                                        (what scripts/setup.sh does; the project's JupyterLab finds it there)
 *   node kernel/install.js --user        into your own Jupyter data folder, for a JupyterLab you installed
 *   node kernel/install.js --prefix DIR  into DIR/share/jupyter/kernels/tslab (e.g. another virtualenv or conda env)
 *
 * Options: --name NAME (default tslab: the name the notebooks ask for), --force to replace a kernel of that name
 * that is not this project's. The kernelspec holds absolute paths to this Node and this clone: run the command
 * again after moving the clone or changing Node.
 */
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const KERNEL = path.join(__dirname, "tslab-kernel.js");
const VENV = path.join(ROOT, ".venv");

/** The kernelspec: this Node, the kernel wrapper of this clone, a 2 MB young generation (fewer GC pauses). */
function kernelSpec() {
  return {
    argv: [process.execPath, "--max-semi-space-size=2", KERNEL, "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab, rmsprop-notebooks)",
    language: "typescript",
    metadata: { project: ROOT },
  };
}

/**
 * @param {string} msg
 * @returns {never}
 */
function fail(msg) {
  console.error(`[kernel] error: ${msg}`);
  process.exit(2);
}

/** @param {string[]} argv */
function parse(argv) {
  /** @type {{ target: "venv" | "user" | "prefix", prefix?: string, name: string, force: boolean }} */
  const o = { target: "venv", name: "tslab", force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--user") o.target = "user";
    else if (a === "--sys-prefix") o.target = "venv";
    else if (a === "--force") o.force = true;
    else if (a === "--prefix" || a === "--name") {
      const v = argv[++i];
      if (!v || v.startsWith("--")) fail(`invalid ${a}: ${v === undefined ? "missing value" : JSON.stringify(v)} (expected a value after it)`);
      if (a === "--prefix") {
        o.target = "prefix";
        o.prefix = path.resolve(v);
      } else if (!/^[A-Za-z0-9._-]+$/.test(v)) {
        fail(`invalid --name: ${JSON.stringify(v)} (expected letters, digits, ".", "_" or "-")`);
      } else o.name = v;
    } else fail(`invalid option: ${JSON.stringify(a)} (expected --user, --prefix DIR, --name NAME or --force)`);
  }
  return o;
}

/**
 * Refuse to overwrite a kernelspec of the same name that starts something else (e.g. a global `tslab install`).
 * @param {string} dir
 * @param {boolean} force
 */
function checkNotForeign(dir, force) {
  const file = path.join(dir, "kernel.json");
  if (force || !fs.existsSync(file)) return;
  let argv = [];
  try {
    argv = JSON.parse(fs.readFileSync(file, "utf8")).argv ?? [];
  } catch {
    // unreadable: treat as foreign
  }
  if (!argv.some((/** @type {string} */ a) => a.endsWith(path.join("kernel", "tslab-kernel.js")))) {
    fail(`${file} already exists and starts another kernel (${argv.join(" ")}); use --name NAME, or --force to replace it`);
  }
}

/** @param {string} dir */
function writeSpec(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(kernelSpec(), null, 1) + "\n";
  const file = path.join(dir, "kernel.json");
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  return dir;
}

function main() {
  const o = parse(process.argv.slice(2));
  if (o.target === "venv" || o.target === "prefix") {
    const prefix = o.target === "venv" ? VENV : /** @type {string} */ (o.prefix);
    if (o.target === "venv" && !fs.existsSync(path.join(VENV, "pyvenv.cfg"))) fail(`no virtualenv at ${VENV}: run bash scripts/setup.sh first`);
    const dir = path.join(prefix, "share", "jupyter", "kernels", o.name);
    checkNotForeign(dir, o.force);
    console.log(`[kernel] ${o.name}: ${writeSpec(dir)}`);
    return;
  }
  // --user: the platform's per-user Jupyter data folder, as `jupyter kernelspec install --user` knows it
  const jupyterBin = path.join(VENV, process.platform === "win32" ? "Scripts" : "bin", "jupyter");
  const jupyter = fs.existsSync(jupyterBin) ? jupyterBin : "jupyter";
  let dataDir;
  try {
    dataDir = execFileSync(jupyter, ["--data-dir"], { encoding: "utf8" }).trim();
  } catch {
    fail("no jupyter command found: run bash scripts/setup.sh first, or put your Jupyter on PATH");
  }
  checkNotForeign(path.join(/** @type {string} */ (dataDir), "kernels", o.name), o.force);
  const tmp = writeSpec(fs.mkdtempSync(path.join(os.tmpdir(), "tslab-kernelspec-")));
  execFileSync(jupyter, ["kernelspec", "install", "--user", "--name", o.name, tmp], { stdio: "inherit" });
  fs.rmSync(tmp, { recursive: true, force: true });
}

main();
