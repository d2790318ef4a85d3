/**
 * The project's kernel (tslab as patched by patches/tslab+1.0.22.patch, started by kernel/tslab-kernel.js): errors as
 * Jupyter errors, execution counts, stop-on-error, last values, history, the start-up snapshot. Checked for real
 * through nbclient, `jupyter nbconvert --execute` and a live JupyterLab server (the client JupyterLab uses); each
 * patched behaviour on tslab's modules alone: test/tslab-patch.test.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { startServer } from "../scripts/lib/jupyter-server";
import { jupyterEnv, ROOT, venvBin } from "../scripts/lib/pipeline";
import { NotebookSession } from "./e2e/kernel-client";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installer = require("../kernel/install.js") as { FLAGS: string[]; ENV: Record<string, string>; BLOB: string; KERNEL: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kernelTs = require("../kernel/typescript.js") as {
  typescriptPath(): string;
  serveParsed(snapshot: { files: Map<string, { sourceFile: unknown; size: number; mtimeMs: number }> }, host: object): void;
  stats: { served: number; stale: string[] };
};
const plain = (lines: string[]) => lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ""));

/** A folder a kernel can import the library from (through node_modules), as a notebook's folder. */
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kernel-test-"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** A notebook file of these code cells on the project's kernel. */
function notebook(dir: string, cells: string[]): string {
  const file = join(dir, "cells.ipynb");
  writeFileSync(file, JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  }));
  return file;
}

test("nbclient: a failing cell is an error output with the message, cells after it still run, counts are set", () => {
  const dir = workdir();
  const file = notebook(dir, [
    'import * as rms from "rmsprop-notebooks";',
    'rms.train.run({ optimizer: "rmsprop", lr: -1 });',
    'const steps: number = "ten";',
    "console.log(1 + 1);",
  ]);
  const script = `import json, sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="tslab", allow_errors=True, resources={"metadata": {"path": sys.argv[2]}}).execute()
print(json.dumps([{"count": c.execution_count, "outputs": c.outputs} for c in nb.cells]))`;
  const cells = JSON.parse(execFileSync(venvBin("python"), ["-c", script, file, dir], { encoding: "utf8", env: jupyterEnv() })) as
    { count: number; outputs: { output_type: string; ename?: string; evalue?: string; traceback?: string[]; text?: string }[] }[];
  assert.equal(cells.map((c) => c.count), [1, 2, 3, 4]);
  const [, bad, typo, after] = cells;
  assert.equal(bad!.outputs.map((o) => [o.output_type, o.ename, o.evalue]), [["error", "ValidationError", "invalid lr: -1 (expected a finite number > 0)"]]);
  const frames = plain(bad!.outputs[0]!.traceback!);
  assert.is(frames[0], "ValidationError: invalid lr: -1 (expected a finite number > 0)");
  assert.ok(frames.includes("    at Object.train (src/train/experiments.ts)"), frames.join("\n"));
  assert.not.match(frames.join("\n"), /node:|node_modules|kernel-test-|evalmachine/);
  assert.equal(typo!.outputs.map((o) => [o.output_type, o.ename]), [["error", "TypeScriptError"]]);
  // tslab refused every request for 200 ms after an error; a cell sent after the error reply now runs
  assert.equal(after!.outputs.map((o) => [o.output_type, o.text]), [["stream", "2\n"]]);
});

test("nbconvert --execute stops on the failing cell and says why", () => {
  const dir = workdir();
  const file = notebook(dir, ['import * as rms from "rmsprop-notebooks";', 'rms.train.run({ optimizer: "rmsprop", lr: -1 });', 'console.log("not reached");']);
  const r = spawnSync(venvBin("jupyter"), ["nbconvert", "--to", "notebook", "--execute", "--output", join(dir, "out.ipynb"), file],
    { encoding: "utf8", env: jupyterEnv(), cwd: dir });
  assert.is.not(r.status, 0, "nbconvert should fail");
  const stderr = r.stderr.replace(/\u001b\[[0-9;]*m/g, "");
  assert.match(stderr, /ValidationError: invalid lr: -1 \(expected a finite number > 0\)/);
  assert.match(stderr, /rms\.train\.run\(\{ optimizer: "rmsprop", lr: -1 \}\)/, "the failing cell is not named");
  assert.not.match(stderr, /not reached/);
});

test("live server: a failure aborts the requests queued behind it (status aborted), and nothing sent later", async () => {
  const dir = workdir();
  writeFileSync(join(dir, "x.ipynb"), "");
  const server = await startServer(dir);
  const s = await NotebookSession.open(server, "x.ipynb");
  try {
    const inputs: number[] = [];
    s.kernel.iopubMessage.connect((_k, msg) => {
      if (msg.header.msg_type === "execute_input") inputs.push((msg.content as { execution_count: number }).execution_count);
    });
    // three requests at once, as Run All sends them; the first fails
    const queued = [s.run("throw new RangeError(\"first\");"), s.run("console.log(\"second\");"), s.run("console.log(\"third\");")];
    const [first, second, third] = await Promise.all(queued);
    assert.is(first!.status, "error");
    assert.equal(first!.outputs.map((o) => o.text), ["RangeError: first"]);
    assert.equal([second!.status, third!.status], ["aborted", "aborted"]);
    assert.equal([...second!.outputs, ...third!.outputs], []);
    // sent right after the error was reported: runs
    const next = await s.run("console.log(\"next\");");
    assert.is(next.status, "ok");
    assert.equal(next.outputs.map((o) => o.text), ["next\n"]);
    // a request that asks not to stop on its error (stop_on_error: false) aborts nothing
    const lenient = await Promise.all([s.run("throw new Error(\"lenient\");", false), s.run("console.log(\"runs\");")]);
    assert.equal(lenient.map((r) => r.status), ["error", "ok"]);
    assert.equal(inputs, [1, 2, 3, 4]);
  } finally {
    await s.close();
    await server.stop();
  }
});

/** Run code cells on an installed kernel with nbclient, in `dir`; each cell's outputs. */
function runCells(kernelName: string, cells: string[], env: NodeJS.ProcessEnv = jupyterEnv(), dir = workdir()): Output[][] {
  const file = notebook(dir, cells);
  const script = `import json, sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name=sys.argv[3], allow_errors=True, resources={"metadata": {"path": sys.argv[2]}}).execute()
print(json.dumps([c.outputs for c in nb.cells]))`;
  return JSON.parse(execFileSync(venvBin("python"), ["-c", script, file, dir, kernelName], { encoding: "utf8", env })) as Output[][];
}
interface Output { output_type: string; name?: string; text?: string; ename?: string; evalue?: string; traceback?: string[]; data?: Record<string, string> }

/** A cell that prints what tslab's TypeScript got from the start-up snapshot (kernel/typescript.js hands it over). */
const SNAPSHOT_STATS = `const k = require("tslab/dist/typescript").provided();
console.log(JSON.stringify({ snapshot: Boolean(k?.snapshot), served: k?.stats.served ?? 0, stale: k?.stats.stale ?? [] }));`;

test("the venv's kernel starts from its start-up snapshot, and its cells get the declarations parsed there", () => {
  const specs = JSON.parse(execFileSync(venvBin("jupyter"), ["kernelspec", "list", "--json"], { encoding: "utf8", env: jupyterEnv() })) as
    { kernelspecs: Record<string, { spec: { argv: string[] } }> };
  const argv = specs.kernelspecs.tslab!.spec.argv;
  assert.equal(argv.slice(argv.indexOf("--snapshot-blob"), argv.indexOf("--config-path")), ["--snapshot-blob", installer.BLOB, "--", installer.KERNEL]);
  const check = JSON.parse(execFileSync(argv[0]!, [...argv.slice(1, argv.indexOf("--config-path")), "--check"], { encoding: "utf8" })) as
    { snapshot: boolean; fromSnapshot: boolean; parsed: number; stale: string[] };
  assert.ok(check.snapshot && check.fromSnapshot, JSON.stringify(check));
  assert.ok(check.parsed > 100, `only ${check.parsed} declaration files in the snapshot`);
  assert.equal(check.stale, []);
  const [used] = runCells("tslab", ['import * as rms from "rmsprop-notebooks";\nconsole.log(rms.text.formatFixed(1 / 3, 4));\n' + SNAPSHOT_STATS]);
  const [printed, line] = used!.map((o) => o.text).join("").split("\n");
  assert.is(printed, "0.3333");
  const stats = JSON.parse(line!) as { snapshot: boolean; served: number; stale: string[] };
  assert.ok(stats.snapshot && stats.served > 100, JSON.stringify(stats));
  assert.equal(stats.stale, []);
});

test("a parsed file is served only while the file on disk is unchanged, for the same language version and format", () => {
  const ts = require(kernelTs.typescriptPath()) as typeof import("typescript");
  const dir = mkdtempSync(join(tmpdir(), "kernel-parsed-"));
  const files = new Map<string, { sourceFile: unknown; size: number; mtimeMs: number }>();
  const parsed: Record<string, import("typescript").SourceFile> = {};
  for (const name of ["a.d.ts", "b.d.ts"]) {
    const f = join(dir, name);
    writeFileSync(f, "export declare const x: number;\n");
    parsed[name] = ts.createSourceFile(f, "export declare const x: number;\n", ts.ScriptTarget.ES2022);
    files.set(f, { sourceFile: parsed[name], size: statSync(f).size, mtimeMs: statSync(f).mtimeMs });
  }
  const fresh: string[] = [];
  const host = { getSourceFile: (fileName: string) => (fresh.push(fileName), undefined) } as unknown as import("typescript").CompilerHost;
  kernelTs.serveParsed({ files }, host);
  const a = join(dir, "a.d.ts");
  const b = join(dir, "b.d.ts");
  const before = kernelTs.stats.served;
  const how = { languageVersion: ts.ScriptTarget.ES2022, impliedNodeFormat: undefined };
  assert.is(host.getSourceFile(a, how), parsed["a.d.ts"]);
  assert.is(host.getSourceFile(a, ts.ScriptTarget.ES2022), parsed["a.d.ts"], "a language version alone (TypeScript < 5)");
  assert.is(host.getSourceFile(a, { languageVersion: ts.ScriptTarget.ES2015 }), undefined, "parsed for another target");
  assert.is(host.getSourceFile(a, how, undefined, true), undefined, "asked to parse again");
  utimesSync(b, new Date(), new Date(Date.now() + 5000)); // edited since: same size, new modification time
  assert.is(host.getSourceFile(b, how), undefined);
  assert.is(host.getSourceFile(join(dir, "c.d.ts"), how), undefined, "not in the snapshot");
  assert.equal(fresh, [a, a, b, join(dir, "c.d.ts")]);
  assert.is(kernelTs.stats.served - before, 2);
  assert.ok(kernelTs.stats.stale.includes(b) && !kernelTs.stats.stale.includes(a), kernelTs.stats.stale.join(", "));
});

/** A cell that prints what the kernel's store of compiled cells did (kernel/cell-cache.js), this cell included. */
const CELL_CACHE_STATS = 'console.log(JSON.stringify(require("tslab/dist/converter").usedCellCache()?.stats));';

test("the same outputs from the kernel with and without its start-up snapshot, and with its cells compiled before", () => {
  const prefix = mkdtempSync(join(tmpdir(), "kernel-plain-"));
  const made = spawnSync("node", [join(ROOT, "kernel", "install.js"), "--prefix", prefix, "--name", "tslab-plain", "--no-snapshot"], { encoding: "utf8" });
  assert.is(made.status, 0, made.stderr);
  // the kernel without its snapshot compiles every cell (no store); the one from its snapshot compiles them into a
  // store of its own, then a third kernel takes from there those that compiled
  const store = mkdtempSync(join(tmpdir(), "kernel-cells-"));
  const env = { ...jupyterEnv(), JUPYTER_PATH: join(prefix, "share", "jupyter"), RMSPROP_CELL_CACHE: store };
  const cells = [
    'import * as rms from "rmsprop-notebooks";',
    'const run = rms.train.run({ optimizer: "rmsprop", lr: 0.01, epochs: 30 });\nconsole.log(rms.train.finalLossLine(run));',
    'rms.train.run({ optimizer: "rmsprop", lr: "0.01" });', // a type error against the library's declarations
    'const m: Map<string, number> = new Map([["a", "b"]]);', // against ES2022's lib
    'const b: Buffer = Buffer.from("héllo");\nconsole.log(b.length, process.version.startsWith("v"));', // @types/node
    'const n: number = Math.hypot(3, 4);\nn.toFixed("2");',
    'rms.train.run({ optimizer: "adagrad", beta: 2 });',
    "rms.show.showChart(rms.plots.accumulationChart(rms.train.simulateAccumulation()));",
    "import { h } from './helper';\nconsole.log(h + 1);", // resolved from the notebook's folder, not the snapshot's
  ];
  // in the same folder: a cell's imports resolve from the notebook's folder, so the store keeps its cells by folder
  const dir = workdir();
  writeFileSync(join(dir, "helper.js"), "exports.h = 41;\n");
  writeFileSync(join(dir, "helper.d.ts"), "export declare const h: number;\n");
  const plainOut = runCells("tslab-plain", [...cells, SNAPSHOT_STATS, CELL_CACHE_STATS], { ...env, RMSPROP_CELL_CACHE: "off" }, dir);
  const fromSnapshot = runCells("tslab", [...cells, SNAPSHOT_STATS, CELL_CACHE_STATS], env, dir);
  const fromStore = runCells("tslab", [...cells, SNAPSHOT_STATS, CELL_CACHE_STATS], env, dir);
  assert.equal(plainOut.slice(0, cells.length), fromSnapshot.slice(0, cells.length));
  assert.equal(fromStore.slice(0, cells.length), fromSnapshot.slice(0, cells.length));
  const kinds = fromSnapshot.slice(0, cells.length).map((o) => o.map((x) => x.ename ?? x.output_type).join(","));
  assert.equal(kinds, ["", "stream", "TypeScriptError", "TypeScriptError", "stream", "TypeScriptError", "ValidationError", "display_data", "stream"]);
  assert.is(fromSnapshot[8]![0]!.text, "42\n");
  assert.match(fromSnapshot[2]![0]!.evalue!, /Type 'string' is not assignable to type 'number'/);
  assert.is(fromSnapshot[4]![0]!.text, "6 true\n");
  assert.match(fromSnapshot[7]![0]!.data!["text/html"]!, /<img src="data:image\/svg\+xml;base64,/);
  const stats = (o: Output[][]) => JSON.parse(o[cells.length]![0]!.text!) as { snapshot: boolean; served: number };
  assert.equal([stats(plainOut).snapshot, stats(plainOut).served], [false, 0]);
  assert.ok(stats(fromSnapshot).snapshot && stats(fromSnapshot).served > 100, JSON.stringify(stats(fromSnapshot)));
  // the cells that compiled (all but the three type errors, this one included) were kept, then taken from the store
  const kept = (o: Output[][]) => o[cells.length + 1]![0]!.text!;
  assert.is(kept(plainOut), "undefined\n");
  const stored = (o: Output[][]) => JSON.parse(kept(o)) as { hits: number; misses: number; written: number; refused: number };
  assert.equal(stored(fromSnapshot), { hits: 0, misses: cells.length + 2, written: cells.length - 1, refused: 0 });
  assert.equal(stored(fromStore), { hits: cells.length - 1, misses: 3, written: 0, refused: 0 });
});

test("kernel/install.js registers the kernel for a user's own Jupyter, and will not overwrite someone else's", () => {
  const data = mkdtempSync(join(tmpdir(), "jupyter-data-"));
  const env = { ...jupyterEnv(), JUPYTER_DATA_DIR: data };
  const install = (...args: string[]) => spawnSync("node", [join(ROOT, "kernel", "install.js"), ...args], { encoding: "utf8", env });
  const foreign = join(data, "kernels", "tslab");
  execFileSync("mkdir", ["-p", foreign]);
  writeFileSync(join(foreign, "kernel.json"), JSON.stringify({ argv: ["tslab", "kernel", "--config-path", "{connection_file}"] }));
  const refused = install("--user");
  assert.is(refused.status, 2);
  assert.match(refused.stderr, /already exists and starts another kernel \(tslab kernel --config-path \{connection_file\}\); use --name NAME, or --force/);
  const named = install("--user", "--name", "rmsprop-ts");
  assert.is(named.status, 0, named.stderr);
  const specs = JSON.parse(execFileSync(venvBin("jupyter"), ["kernelspec", "list", "--json"], { encoding: "utf8", env })) as
    { kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[]; env: Record<string, string>; display_name: string } }> };
  const mine = specs.kernelspecs["rmsprop-ts"];
  assert.ok(mine, Object.keys(specs.kernelspecs).join(", "));
  assert.is(mine!.resource_dir, join(data, "kernels", "rmsprop-ts"));
  assert.equal(mine!.spec.argv, [process.execPath, ...installer.FLAGS, "--snapshot-blob", installer.BLOB, "--", installer.KERNEL,
    "--config-path", "{connection_file}"]);
  assert.equal(mine!.spec.env, { MALLOC_ARENA_MAX: "1" });
  assert.is(install("--user", "--force").status, 0);
  assert.is(specs.kernelspecs.tslab?.resource_dir, join(ROOT, ".venv", "share", "jupyter", "kernels", "tslab"), "the venv's kernel comes first in the venv");
});

test("last values as in IPython: Out[n] with the cell's count; tables and charts rich; undefined shows nothing", () => {
  const cells = [
    // the library imported (it registers how its values show), but danfojs not loaded by it yet
    'import * as rms from "rmsprop-notebooks";\nimport * as dfd from "danfojs-node";\nnew dfd.DataFrame({ x: [1, 2] })',
    "1 + 2",
    '"abc"',
    'const run = rms.train.run({ optimizer: "rmsprop", lr: 0.01, epochs: 30 });\nrms.show.runsFrame([run]).sortValues("final loss")',
    'rms.plots.lossCurvesChart([{ label: "rmsprop", values: run.losses }])',
    'rms.show.showChart(rms.plots.lossCurvesChart([{ label: "rmsprop", values: run.losses }]))',
    'console.log(rms.text.formatFixed(run.losses[29]!, 4))',
    "null",
    "({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) })",
    'rms.train.run({ optimizer: "rmsprop", lr: -1 })',
  ];
  const out = runCells("tslab", cells) as (Output & { execution_count?: number })[][];
  const kinds = out.map((o) => o.map((x) => x.output_type).join(","));
  assert.equal(kinds, ["execute_result", "execute_result", "execute_result", "execute_result", "execute_result", "display_data",
    "stream", "", "execute_result", "error"]);
  assert.equal(out.slice(0, 5).map((o) => o[0]!.execution_count), [1, 2, 3, 4, 5]);
  assert.match(out[0]![0]!.data!["text/html"]!, /<table class="results-table"><thead><tr><th style="text-align: left;">x<\/th>/);
  assert.equal(out[1]![0]!.data, { "text/plain": "3" });
  assert.equal(out[2]![0]!.data, { "text/plain": "'abc'" });
  const table = out[3]![0]!.data!["text/html"]!;
  const loss = out[6]![0]!.text!.trim();
  assert.match(table, /^<table class="results-table">/);
  assert.ok(table.includes(`>${loss}</td>`), `the table shows the final loss ${loss} to 4 decimals: ${table}`);
  // a chart as the last value: the very image showChart displays
  assert.match(out[4]![0]!.data!["text/html"]!, /^<img src="data:image\/svg\+xml;base64,/);
  assert.is(out[4]![0]!.data!["text/html"], out[5]![0]!.data!["text/html"]);
  assert.match(out[4]![0]!.data!["text/plain"]!, /^Chart "Loss Curves[^"]*" \(\d+×\d+\)$/);
  assert.equal(out[8]![0]!.data, { "text/plain": "Matrix 2×2\n[[1, 2],\n [3, 4]]" });
  assert.is(plain(out[9]![0]!.traceback!)[0], "ValidationError: invalid lr: -1 (expected a finite number > 0)");
});

test("live server: history_request is answered from the session's cells (tail, search), as JupyterLab's console asks", async () => {
  const dir = workdir();
  writeFileSync(join(dir, "x.ipynb"), "");
  const server = await startServer(dir);
  const s = await NotebookSession.open(server, "x.ipynb");
  try {
    for (const code of ["const a = 20;", "a + 1", 'console.log("three")', "a * 2"]) assert.is((await s.run(code)).status, "ok");
    const tail = await s.kernel.requestHistory({ output: false, raw: true, hist_access_type: "tail", n: 3 });
    assert.is(tail.content.status, "ok");
    assert.equal((tail.content as { history: unknown[] }).history, [[1, 2, "a + 1"], [1, 3, 'console.log("three")'], [1, 4, "a * 2"]]);
    const search = await s.kernel.requestHistory({ output: true, raw: true, hist_access_type: "search", pattern: "a*", n: 10, unique: false });
    assert.equal((search.content as { history: unknown[] }).history, [[1, 2, ["a + 1", "21"]], [1, 4, ["a * 2", "40"]]]);
    // the kernel still answers after it
    assert.equal((await s.run("a")).outputs, [{ kind: "display", mime: "text/plain", text: "20" }]);
  } finally {
    await s.close();
    await server.stop();
  }
});

test("replies carry their own type and a status: comm_info, kernel_info (with real versions), shutdown", () => {
  const script = `import json
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="tslab")
out = {}
try:
    for name, r in [("comm", kc.comm_info(reply=True, timeout=60)), ("info", kc.kernel_info(reply=True, timeout=60))]:
        out[name] = [r["header"]["msg_type"], r["content"]]
    msg_id = kc.shutdown(restart=True)
    while "shutdown" not in out:
        r = kc.control_channel.get_msg(timeout=30)
        if r["parent_header"].get("msg_id") == msg_id:
            out["shutdown"] = [r["header"]["msg_type"], r["content"]]
finally:
    km.shutdown_kernel(now=True)
print(json.dumps(out))`;
  const r = JSON.parse(execFileSync(venvBin("python"), ["-c", script], { encoding: "utf8", env: jupyterEnv() })) as
    Record<string, [string, { status: string; implementation_version?: string; language_info?: { version: string } }]>;
  // tslab answered comm_info with the type "complete_reply", and without a status
  assert.equal(r.comm, ["comm_info_reply", { status: "ok", comms: {} }]);
  const [type, info] = r.info!;
  assert.equal([type, info.status], ["kernel_info_reply", "ok"]);
  // it said TypeScript 3.7.2 and tslab 1.0.0
  const ts = require(kernelTs.typescriptPath()) as { version: string };
  const tslab = require("tslab/package.json") as { version: string };
  assert.equal([info.language_info!.version, info.implementation_version], [ts.version, tslab.version]);
  // the reply to a restart says so, and is sent before the sockets close (it was lost)
  assert.equal(r.shutdown, ["shutdown_reply", { status: "ok", restart: true }]);
});

/**
 * Run code cells on a kernel with jupyter_client, each cell's outputs by their parent request. Unlike nbclient, it
 * keeps listening for a second after the cell's idle status: Deno's kernel may send a cell's last stdout lines after
 * it (its server waits 5 ms for stdout to flush), which nbclient would drop.
 */
function runCellsPatient(kernelName: string, cells: string[], env: NodeJS.ProcessEnv, dir: string): Output[][] {
  const script = `import json, queue, sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name=sys.argv[1], cwd=sys.argv[2])
outs = []
try:
    for code in json.loads(sys.argv[3]):
        msg_id = kc.execute(code)
        kc.get_shell_msg(timeout=300)
        cell = []
        while True:
            try:
                m = kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                break
            t = m["header"]["msg_type"]
            if m["parent_header"].get("msg_id") != msg_id or t in ("status", "execute_input"):
                continue
            out = dict(m["content"], output_type=t)
            out.pop("transient", None)
            cell.append(out)
        outs.append(cell)
finally:
    km.shutdown_kernel(now=True)
print(json.dumps(outs))`;
  return JSON.parse(execFileSync(venvBin("python"), ["-c", script, kernelName, dir, JSON.stringify(cells)], { encoding: "utf8", env })) as Output[][];
}

test("Deno's kernel (install.js --deno): the library by name, tables and charts by the same protocol, show* work", () => {
  const prefix = mkdtempSync(join(tmpdir(), "kernel-deno-"));
  const made = spawnSync("node", [join(ROOT, "kernel", "install.js"), "--deno", "--prefix", prefix], { encoding: "utf8" });
  assert.is(made.status, 0, made.stderr);
  const env = { ...jupyterEnv(), JUPYTER_PATH: join(prefix, "share", "jupyter") };
  const dir = workdir();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, dependencies: { "rmsprop-notebooks": "*" } }));
  const out = runCellsPatient("deno", [
    'import * as rms from "rmsprop-notebooks";\n1 + 2',
    'const run = rms.train.run({ optimizer: "rmsprop", lr: 0.001, epochs: 2000 });\nconsole.log(rms.text.formatFixed(run.losses[1999]!, 4));',
    "rms.show.runsFrame([run])",
    'rms.show.chart(rms.plots.lossCurvesChart([{ label: "rmsprop", values: run.losses }]))',
    "rms.show.showRuns([run]);",
    'rms.train.run({ optimizer: "rmsprop", lr: -1 });',
  ], env, dir) as (Output & { execution_count?: number })[][];
  assert.equal(out[0]!.map((o) => [o.output_type, o.data, o.execution_count]), [["execute_result", { "text/plain": "3" }, 1]]);
  assert.equal(out[1]!.map((o) => o.text), ["0.6372\n"]); // the original's RMSProp run
  assert.match(out[2]![0]!.data!["text/html"]!, /^<table class="results-table">[\s\S]*>0\.6372<\/td>/);
  assert.match(out[3]![0]!.data!["text/html"]!, /^<img src="data:image\/svg\+xml;base64,/);
  assert.equal(out[4]!.map((o) => o.output_type), ["display_data"]);
  assert.is(out[4]![0]!.data!["text/html"], out[2]![0]!.data!["text/html"]);
  assert.equal([out[5]![0]!.ename, out[5]![0]!.evalue], ["ValidationError", "invalid lr: -1 (expected a finite number > 0)"]);
});

test.run();
