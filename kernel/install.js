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
 * that is not this project's, --no-snapshot to start the kernel without its start-up snapshot (kernel/snapshot.js,
 * built here into node_modules/.cache/rmsprop-kernel when missing or out of date). The kernelspec holds absolute
 * paths to this Node and this clone: run the command again after moving the clone or changing Node.
 *
 *   node kernel/install.js --deno        Deno's kernel instead (`deno jupyter --kernel`), from the `deno` package in
 *                                        node_modules, as .venv/share/jupyter/kernels/deno (same targets, --name)
 */
"use strict";
const { execFileSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const KERNEL = path.join(__dirname, "tslab-kernel.js");
const VENV = path.join(ROOT, ".venv");

/**
 * V8 flags of the kernel (its snapshot is built with the same ones, or Node refuses it). An 8 MB young generation and
 * an old generation that grows by 10% rather than V8's default factor: the peak RSS of a Run All of 7_6 falls from
 * about 430 MB to 335 MB at the same speed. Neither caps the heap: a long session grows as it needs.
 * `--turbo-filter=-createTypeChecker`: TypeScript's createTypeChecker, one function of some 40,000 lines, runs once
 * per cell. After about 250 cells V8 found it hot and optimized it, which took 120 MB of compiler memory for a tenth
 * of a second (bench/soak.py saw the kernel's RSS jump from 330 to 448 MB), to speed up a function that is never
 * called in a loop. Every other function is optimized as before.
 */
const FLAGS = ["--max-semi-space-size=8", "--heap-growing-percent=10", "--turbo-filter=-createTypeChecker"];
/**
 * The kernel's environment: one malloc arena (glibc; other C libraries ignore it). Node's GC and compiler threads
 * each got an arena of their own, and freed memory stayed spread over them: the peak RSS of 7_6's Run All falls from
 * about 334 MB to 322 MB, at the same speed.
 */
const ENV = { MALLOC_ARENA_MAX: "1" };
// The library's seed grids train on one thread per core here too. A worker thread of a process started from a
// snapshot boots without one: 34 MB and about 0.1 s. There is room for it since danfojs-node loads mathjs, xlsx
// and request on first use (patches/danfojs-node+1.1.2.patch): 7_6's Run All peaks at about 325 MB with the worker.
const CACHE = path.join(ROOT, "node_modules", ".cache", "rmsprop-kernel");
const BLOB = path.join(CACHE, "kernel.blob");

/**
 * The library's declaration files as the snapshot keeps them: each one's path, size and modification time. A parsed
 * file is served only while these are unchanged (kernel/typescript.js), so a rebuild (`npm run build` rewrites every
 * file of dist/, and removes the set-up's dist/.src.sha256) needs a new snapshot even when the sources are the same.
 * @param {string} dir
 * @returns {string[]}
 */
function declarations(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return declarations(file);
    if (!e.name.endsWith(".d.ts")) return [];
    const st = fs.statSync(file);
    return [`${file} ${st.size} ${st.mtimeMs}`];
  });
}

/** What the snapshot depends on: this Node and its flags, the builder, tslab's TypeScript, the library's build. */
function snapshotKey() {
  const { typescriptPath } = require("./typescript");
  const ts = typescriptPath();
  const stamp = path.join(ROOT, "dist", ".src.sha256");
  const h = crypto.createHash("sha256");
  h.update(JSON.stringify({ node: process.version, execPath: process.execPath, arch: process.arch, FLAGS, ts, size: fs.statSync(ts).size }));
  h.update(fs.readFileSync(path.join(__dirname, "snapshot.js")));
  h.update(fs.existsSync(stamp) ? fs.readFileSync(stamp) : "no build");
  h.update(declarations(path.join(ROOT, "dist")).join("\n"));
  return h.digest("hex");
}

/**
 * The kernel's start-up snapshot (kernel/snapshot.js), built when missing or out of date, and checked by starting
 * Node from it. Without one (an error here), the kernel starts without it: slower, the same otherwise.
 * @returns {string | undefined} the snapshot's path
 */
function buildSnapshot() {
  const key = snapshotKey();
  const keyFile = `${BLOB}.key`;
  if (fs.existsSync(BLOB) && fs.existsSync(keyFile) && fs.readFileSync(keyFile, "utf8") === key) return BLOB;
  fs.mkdirSync(CACHE, { recursive: true });
  const tmp = `${BLOB}.${process.pid}`;
  try {
    const hasLibrary = fs.existsSync(path.join(ROOT, "dist", "index.d.ts"));
    const config = {
      typescript: require("./typescript").typescriptPath(),
      roots: hasLibrary ? ["rmsprop-notebooks"] : [],
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
    };
    execFileSync(process.execPath, [...FLAGS, "--snapshot-blob", tmp, "--build-snapshot", path.join(__dirname, "snapshot.js")],
      { env: { ...process.env, RMSPROP_KERNEL_SNAPSHOT: JSON.stringify(config) }, stdio: ["ignore", "ignore", "pipe"] });
    const check = JSON.parse(execFileSync(process.execPath, [...FLAGS, "--snapshot-blob", tmp, "--", KERNEL, "--check"], { encoding: "utf8" }));
    if (!check.fromSnapshot || check.parsed === 0) throw new Error(`the snapshot does not hold what it should: ${JSON.stringify(check)}`);
    fs.renameSync(tmp, BLOB);
    fs.writeFileSync(keyFile, key);
    return BLOB;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const stderr = /** @type {{ stderr?: Buffer }} */ (e).stderr;
    const why = String(stderr && stderr.length ? stderr : e instanceof Error ? e.message : e).trim().split("\n").slice(-3).join(" | ");
    console.error(`[kernel] warning: no start-up snapshot (${why}); the kernel starts without one, more slowly`);
    return undefined;
  }
}

/**
 * The kernelspec: this Node, the kernel wrapper of this clone, started from the snapshot when there is one.
 * @param {string | undefined} blob
 */
function kernelSpec(blob) {
  const start = blob ? [...FLAGS, "--snapshot-blob", blob, "--", KERNEL] : [...FLAGS, KERNEL];
  return {
    argv: [process.execPath, ...start, "--config-path", "{connection_file}"],
    env: ENV,
    display_name: "TypeScript (tslab, rmsprop-notebooks)",
    language: "typescript",
    metadata: { project: ROOT },
  };
}

/**
 * The Deno binary the npm package `deno` installed for this platform (in its platform package, or linked beside
 * its launcher by its install script).
 * @returns {string | undefined}
 */
function denoBinary() {
  const exe = process.platform === "win32" ? "deno.exe" : "deno";
  const libc = process.platform === "linux" ? "-glibc" : "";
  const candidates = [
    path.join(ROOT, "node_modules", "@deno", `${process.platform}-${process.arch}${libc}`, exe),
    path.join(ROOT, "node_modules", "deno", exe),
  ];
  return candidates.find((f) => fs.existsSync(f));
}

/**
 * Deno's kernel, run from the notebook's folder as Jupyter starts kernels. NO_COLOR: plain text outputs, as the
 * tslab kernel's (Deno colours a last value's text otherwise). Interrupts as messages on the control channel, which
 * Deno's kernel answers by stopping the cell: Jupyter's default, a SIGINT, ends Deno's kernel instead (its own
 * `deno jupyter --install` leaves the default).
 * @param {string} deno
 */
function denoSpec(deno) {
  return {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    interrupt_mode: "message",
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    display_name: "TypeScript (Deno, rmsprop-notebooks)",
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
  /** @type {{ target: "venv" | "user" | "prefix", prefix?: string, name: string, force: boolean, snapshot: boolean, deno: boolean }} */
  const o = { target: "venv", name: "tslab", force: false, snapshot: true, deno: false };
  if (argv.includes("--deno")) o.name = "deno";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--user") o.target = "user";
    else if (a === "--sys-prefix") o.target = "venv";
    else if (a === "--force") o.force = true;
    else if (a === "--no-snapshot") o.snapshot = false;
    else if (a === "--deno") o.deno = true;
    else if (a === "--prefix" || a === "--name") {
      const v = argv[++i];
      if (!v || v.startsWith("--")) fail(`invalid ${a}: ${v === undefined ? "missing value" : JSON.stringify(v)} (expected a value after it)`);
      if (a === "--prefix") {
        o.target = "prefix";
        o.prefix = path.resolve(v);
      } else if (!/^[A-Za-z0-9._-]+$/.test(v)) {
        fail(`invalid --name: ${JSON.stringify(v)} (expected letters, digits, ".", "_" or "-")`);
      } else o.name = v;
    } else fail(`invalid option: ${JSON.stringify(a)} (expected --user, --prefix DIR, --name NAME, --force, --no-snapshot or --deno)`);
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
  const ours = (/** @type {string} */ a) => a.endsWith(path.join("kernel", "tslab-kernel.js")) ||
    (a.startsWith(path.join(ROOT, "node_modules")) && /deno(\.exe)?$/.test(a));
  if (!argv.some(ours)) {
    fail(`${file} already exists and starts another kernel (${argv.join(" ")}); use --name NAME, or --force to replace it`);
  }
}

/**
 * @param {string} dir
 * @param {string | undefined} blob
 * @param {object} [spec] another kernelspec than this project's tslab kernel
 */
function writeSpec(dir, blob, spec = kernelSpec(blob)) {
  fs.mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(spec, null, 1) + "\n";
  const file = path.join(dir, "kernel.json");
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  return dir;
}

function main() {
  const o = parse(process.argv.slice(2));
  /** @type {object | undefined} */
  let spec;
  if (o.deno) {
    const deno = denoBinary();
    if (!deno) fail("no Deno in node_modules: run npm install (the project's devDependencies include deno)");
    spec = denoSpec(deno);
  }
  const blob = () => (o.deno || !o.snapshot ? undefined : buildSnapshot());
  if (o.target === "venv" || o.target === "prefix") {
    const prefix = o.target === "venv" ? VENV : /** @type {string} */ (o.prefix);
    if (o.target === "venv" && !fs.existsSync(path.join(VENV, "pyvenv.cfg"))) fail(`no virtualenv at ${VENV}: run bash scripts/setup.sh first`);
    const dir = path.join(prefix, "share", "jupyter", "kernels", o.name);
    checkNotForeign(dir, o.force);
    console.log(`[kernel] ${o.name}: ${writeSpec(dir, blob(), spec)}`);
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
  const tmp = writeSpec(fs.mkdtempSync(path.join(os.tmpdir(), "tslab-kernelspec-")), blob(), spec);
  execFileSync(jupyter, ["kernelspec", "install", "--user", "--name", o.name, tmp], { stdio: "inherit" });
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (require.main === module) main();

module.exports = { FLAGS, ENV, BLOB, KERNEL, denoBinary };
