/**
 * The project's changes to tslab's own source (patches/tslab+1.0.22.patch, applied by `npm ci` through
 * patch-package), one test per patched behaviour, on tslab's modules directly (no Jupyter): errors as Jupyter errors,
 * the last value as Out[n], stop-on-error aborts, history, sends in order, Node's types only, TypeScript handed over by
 * a start-up snapshot. Through a real kernel and Jupyter's clients: test/kernel.test.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { richOf } from "../src/notebook/frames";
import { lossCurvesChart } from "../src/plots/loss-curves";
import { chartImg } from "../src/plots/figure";
import { train } from "../src/train/experiments";
import { ROOT } from "../scripts/lib/pipeline";
import type { ExecuteOutcome } from "tslab/dist/executor";
import * as errors from "tslab/dist/errors";
import { globToRegExp, History } from "tslab/dist/history";
import { JupyterHandlerImpl, sendInOrder } from "tslab/dist/jupyter";
import { resultData } from "tslab/dist/result";
import { topLevelNames } from "tslab/dist/converter";

const PATCH = join(ROOT, "patches", "tslab+1.0.22.patch");
const plain = (lines: string[]) => lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ""));

test("the patch is applied to node_modules/tslab, by npm's postinstall", () => {
  // applied: it reverses cleanly (and so does not apply a second time)
  const reversed = spawnSync("git", ["apply", "--check", "--reverse", PATCH], { cwd: ROOT, encoding: "utf8" });
  assert.is(reversed.status, 0, `patches/tslab+1.0.22.patch is not applied: ${reversed.stderr}`);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  assert.is(pkg.scripts.postinstall, "patch-package");
  // tslab's own start-up applies it too: its kernel is the patched one
  assert.match(readFileSync(join(ROOT, "node_modules", "tslab", "dist", "jupyter.js"), "utf8"), /case "history_request":/);
});

test("a thrown error: name and message first, then only the user's frames, paths relative to the notebook", () => {
  const root = "/home/me/course";
  const e = new Error("invalid lr: -1 (expected a finite number > 0)");
  e.name = "ValidationError";
  e.stack = [
    "ValidationError: invalid lr: -1 (expected a finite number > 0)",
    `    at checkPositive (${root}/lib/errors.js:37:15)`,
    "    at evalmachine.<anonymous>:3:17",
    "    at evalmachine.<anonymous>:9:3",
    "    at sigintHandlersWrap (node:vm:280:12)",
    "    at Script.runInThisContext (node:vm:135:14)",
    "    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)",
    "    at processTicksAndRejections (node:internal/process/task_queues:95:5)",
  ].join("\n");
  const j = errors.errorFromThrown(e, root);
  assert.is(j.ename, "ValidationError");
  assert.is(j.evalue, "invalid lr: -1 (expected a finite number > 0)");
  assert.equal(plain(j.traceback), [
    "ValidationError: invalid lr: -1 (expected a finite number > 0)",
    "    at checkPositive (lib/errors.js:37:15)",
    "    at <cell>",
  ]);
  // the library's compiled frames (dist/x.js of a package that ships src/x.ts) are shown as their source
  const fromPackage = new Error("invalid lr: -1");
  fromPackage.stack = `Error: invalid lr: -1\n    at Object.train (${ROOT}/dist/train/experiments.js:80:11)\n    at evalmachine.<anonymous>:2:5`;
  assert.equal(plain(errors.errorFromThrown(fromPackage, root).traceback).slice(1), ["    at Object.train (src/train/experiments.ts)", "    at <cell>"]);
  const thrownString = errors.errorFromThrown("boom", root);
  assert.equal([thrownString.ename, thrownString.evalue], ["Error", "uncaught string: boom"]);
});

test("TypeScript diagnostics: the first message is the error, each diagnostic a line with where it is", () => {
  const at = (line: number, character: number) => ({ offset: 0, line, character });
  const j = errors.errorFromDiagnostics([
    { start: at(1, 6), end: at(1, 9), messageText: "Type 'string' is not assignable to type 'number'.", category: 1, code: 2322 },
    { start: at(9, 2), end: at(9, 3), messageText: "Cannot find name 'y'.", category: 1, code: 2304, fileName: "src/x.ts" },
  ]);
  assert.is(j.ename, "TypeScriptError");
  assert.is(j.evalue, "Type 'string' is not assignable to type 'number'.");
  assert.equal(plain(j.traceback), [
    "TypeScriptError: Type 'string' is not assignable to type 'number'.",
    "    at cell 2:7: Type 'string' is not assignable to type 'number'.",
    "    at src/x.ts 10:3: Cannot find name 'y'.",
  ]);
});

test("sends on one socket wait for each other, in order, instead of throwing 'busy writing' (zeromq 6)", async () => {
  const sent: string[] = [];
  let busy = false;
  const socket = Object.seal({
    closed: false,
    send(frames: unknown): Promise<void> {
      if (busy) throw new Error("Socket is busy writing; only one send operation may be in progress at any time");
      busy = true;
      return new Promise<void>((resolve, reject) => setTimeout(() => {
        busy = false;
        if (frames === "bad") reject(new Error("no route"));
        else {
          sent.push(String(frames));
          resolve();
        }
      }, 5));
    },
  });
  assert.throws(() => { void socket.send("a"); void socket.send("b"); }, /busy writing/); // what tslab ran into
  await new Promise((r) => setTimeout(r, 20));
  sent.length = 0;
  socket.closed = true; // the failed send is not worth a line in the kernel's log then
  const all = ["1", "bad", "2", "3"].map((f) => sendInOrder(socket, f));
  await Promise.all(all); // a failed send never rejects (tslab does not await its sends)
  assert.equal(sent, ["1", "2", "3"]);
});

test("a last value's bundle: its display method's, else a registered formatter's, else util.inspect's text", async () => {
  const warnings: string[] = [];
  const warn = (s: string) => void warnings.push(s);
  assert.equal(await resultData(3, warn), { "text/plain": "3" });
  assert.equal(await resultData("abc", warn), { "text/plain": "'abc'" });
  assert.equal(await resultData({ [Symbol.for("Jupyter.display")]: async () => ({ "text/markdown": "**x**" }) }, warn), { "text/markdown": "**x**" });
  // the library registers its richOf (src/notebook/frames.ts) in the global formatters list when loaded
  const formatters = (globalThis as { [k: symbol]: unknown[] | undefined })[Symbol.for("Jupyter.display.formatters")];
  assert.ok(formatters?.includes(richOf), "the library did not register richOf");
  const svg = lossCurvesChart([{ optimizer: "rmsprop", values: train({ optimizer: "rmsprop", lr: 0.01, epochs: 5 }).losses }]);
  assert.is((await resultData(svg, warn))["text/html"], chartImg(svg));
  assert.equal(warnings, []);
  // a display method that returns no bundle: the value as text, the problem on the cell's stderr
  const bad = { [Symbol.for("Jupyter.display")]: () => "no" };
  assert.equal(await resultData(bad, warn), { "text/plain": inspect(bad) });
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /returned 'no', not a MIME bundle/);
});

test("history: tail, range and glob search over the session's cells, with outputs when asked", () => {
  const h = new History();
  h.add(1, "const a = 1;");
  h.add(2, "a + 1").output = "2";
  h.add(3, "console.log(a)");
  h.add(4, "a + 1").output = "2";
  assert.equal(h.reply({ hist_access_type: "tail", n: 2 }), { status: "ok", history: [[1, 3, "console.log(a)"], [1, 4, "a + 1"]] });
  assert.equal(h.reply({ hist_access_type: "tail", n: 1, output: true }).history, [[1, 4, ["a + 1", "2"]]]);
  assert.equal(h.reply({ hist_access_type: "tail", n: 0 }).history, []);
  assert.equal(h.reply({ hist_access_type: "range", session: 0, start: 2, stop: 4 }).history.map((e) => (e as unknown[])[1]), [2, 3]);
  assert.equal(h.reply({ hist_access_type: "range", session: -1, start: 1 }).history, []);
  assert.equal(h.reply({ hist_access_type: "search", pattern: "a*" }).history.map((e) => (e as unknown[])[1]), [2, 4]);
  assert.equal(h.reply({ hist_access_type: "search", pattern: "a*", unique: true }).history.map((e) => (e as unknown[])[1]), [4]);
  assert.equal(h.reply({ hist_access_type: "search", pattern: "*log(?)", n: 5 }).history.map((e) => (e as unknown[])[1]), [3]);
  assert.ok(globToRegExp("x.[ab]*").test("x.b(1)") && !globToRegExp("x.[!ab]").test("x.a"));
  assert.equal(h.reply({ hist_access_type: "nonsense" }).history, []);
});

/** tslab's handler on an executor that answers from a table; what it published, per request. */
function handlerOn(outcomes: Record<string, ExecuteOutcome>) {
  const executor = { execute: async (code: string) => outcomes[code]!, close() {} };
  const handler = new JupyterHandlerImpl(executor as never, false);
  const published: [string, string, unknown][] = [];
  const execute = (code: string, more: object = {}) => handler.handleExecute(
    { code, silent: false, store_history: true, user_expressions: {}, ...more }, () => {}, () => {},
    (type, content) => void published.push([code, type, content]));
  return { handler, published, execute };
}

test("a cell's outcome: execute_input, then Out[n] or the error; a failure aborts what was queued before it only", async () => {
  const error = { ename: "RangeError", evalue: "first", traceback: ["RangeError: first"] };
  const { handler, published, execute } = handlerOn({
    fails: { ok: false, error }, quiet: { ok: true }, value: { ok: true, last: { value: [1, 2] } },
  });
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  try {
    assert.equal(await execute("value"), { status: "ok", execution_count: 1, user_expressions: {} });
    assert.equal(published, [["value", "execute_input", { code: "value", execution_count: 1 }],
      ["value", "execute_result", { execution_count: 1, data: { "text/plain": "[ 1, 2 ]" }, metadata: {} }]]);
    // three at once, as Run All sends them: the first fails, the two queued behind it are aborted
    const replies = await Promise.all([execute("fails"), execute("quiet"), execute("quiet")]);
    assert.equal(replies, [{ status: "error", execution_count: 2, ...error }, { status: "aborted", execution_count: null },
      { status: "aborted", execution_count: null }]);
    assert.equal(published.slice(2).map(([, type]) => type), ["execute_input", "error"]);
    // the server clears `aborting` once no request is left waiting in the shell socket: what comes next runs
    handler.aborting = false;
    assert.is((await execute("quiet")).status, "ok");
    // stop_on_error: false aborts nothing
    const lenient = await Promise.all([execute("fails", { stop_on_error: false }), execute("quiet")]);
    assert.equal(lenient.map((r) => r.status), ["error", "ok"]);
    assert.equal(handler.handleHistory({ hist_access_type: "tail", n: 2, output: true }).history,
      [[1, 4, ["fails", null]], [1, 5, ["quiet", null]]]);
    assert.equal(handler.handleHistory({ hist_access_type: "range", start: 1, stop: 2, output: true }).history, [[1, 1, ["value", "[ 1, 2 ]"]]]);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
});

test("the executor: outcomes, not printed text; Node's types only; a TypeScript handed over (a snapshot's) used", () => {
  // in a child process: the executor sets globals, and TypeScript is handed over before tslab loads it
  const script = `
const tslabTs = require("tslab/dist/typescript");
const ts = require(require("./kernel/typescript").typescriptPath());
const served = [];
tslabTs.provide({ ts, serveParsed: (host, options) => served.push(options.types) });
const { createExecutor } = require("tslab/dist/executor");
const { createConverter } = require("tslab/dist/converter");
const node = createConverter({ isJS: false, isBrowser: false });
const printed = [];
const executor = createExecutor(process.cwd(), { node, browser: node, close() {} },
  { log: console.log, error: (...a) => printed.push(require("node:util").format(...a)) });
let late = "";
try { tslabTs.provide({ ts }); } catch (e) { late = e.message; }
(async () => {
  const outcomes = [];
  for (const code of ["1 + 2", "null", 'const s: number = "x";', 'throw new RangeError("r")', "typeof window", "Buffer.from('ab').length",
    '/** @module m */\\nexport const a: number = "x";']) {
    outcomes.push(await executor.execute(code));
  }
  console.log(JSON.stringify({ outcomes, same: tslabTs.typescript() === ts, served, late, printed }));
  node.close();
})();`;
  const r = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as
    { outcomes: ExecuteOutcome[]; same: boolean; served: unknown[]; late: string; printed: string[] };
  const [value, none, typeError, thrown, dom, node, module] = r.outcomes;
  assert.equal(value, { ok: true, last: { value: 3 } });
  assert.equal(none, { ok: true });
  assert.equal(typeError!.ok ? undefined : [typeError!.error.ename, typeError!.error.evalue], ["TypeScriptError", "Type 'string' is not assignable to type 'number'."]);
  assert.equal(thrown!.ok ? undefined : [thrown!.error.ename, plain(thrown!.error.traceback).slice(0, 2)], ["RangeError", ["RangeError: r", "    at <cell>"]]);
  // @types/jsdom is in node_modules/@types, but its DOM is not a cell's: `types` is ["node"]
  assert.equal(dom!.ok ? undefined : dom!.error.evalue, "Cannot find name 'window'.");
  assert.equal(node, { ok: true, last: { value: 2 } });
  // a module cell is registered despite its type errors (tslab's rule): they are printed, as text, with where they are
  assert.equal(module, { ok: true });
  assert.equal(r.printed, ["m.ts 2:14 - Type 'string' is not assignable to type 'number'."]);
  // the TypeScript handed over is tslab's; the watch program's one compiler host was served once, with `types`
  assert.ok(r.same);
  assert.equal(r.served, [["node"]]);
  assert.match(r.late, /provide\(\) must come before tslab is loaded/);
});

test("a package added to node_modules/@types during a session: the next cells still compile", () => {
  // a notebook's folder of its own, with Node's types, so that the test adds a package there and not in the project
  const dir = mkdtempSync(join(tmpdir(), "tslab-timers-"));
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"));
  const script = `
const tslab = (m) => require(${JSON.stringify(join(ROOT, "node_modules", "tslab", "dist"))} + "/" + m);
const fs = require("node:fs");
const node = tslab("converter").createConverter({ isJS: false, isBrowser: false });
const executor = tslab("executor").createExecutor(process.cwd(), { node, browser: node, close() {} }, console);
(async () => {
  // a package not installed: TypeScript watches node_modules for it
  const outcomes = [await executor.execute('import * as absent from "absent-package";')];
  fs.mkdirSync("node_modules/@types/added");
  fs.writeFileSync("node_modules/@types/added/index.d.ts", "export {};\\n");
  await new Promise((r) => setTimeout(r, 1500)); // TypeScript's watcher sees it and schedules its work
  for (const code of ["1 + 1", 'const s: number = "x";', "2 + 2"]) outcomes.push(await executor.execute(code));
  console.log(JSON.stringify(outcomes.map((o) => o.ok ? o.last.value : o.error.evalue)));
  node.close();
})();`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" })) as unknown[];
  // tslab had room for one pending timer: "Unexpected pending rebuildTimer", for this cell and every one after it
  assert.equal(out, ["Cannot find module 'absent-package' or its corresponding type declarations.", 2,
    "Type 'string' is not assignable to type 'number'.", 4]);
});

test("a message carries the date it is sent: an execute_reply made as the cell starts says when it ended", async () => {
  // nbclient times each cell from iopub's execute_input to the execute_reply's date (the bench's per-cell table)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ZmqMessage } = require("tslab/dist/jupyter") as { ZmqMessage: new () => Record<string, unknown> };
  const request = Object.assign(new ZmqMessage(), {
    identity: [], header: { session: "s", username: "u", msg_type: "execute_request", msg_id: "1", date: "" },
  }) as unknown as { createReply(): { header: { date: string }; signAndSend(key: string, sock: unknown): void } };
  const reply = request.createReply();
  const made = Date.parse(reply.header.date);
  await new Promise((r) => setTimeout(r, 60));
  const frames: string[][] = [];
  reply.signAndSend("key", { send: async (f: string[]) => void frames.push(f) });
  await new Promise((r) => setTimeout(r, 10));
  const sent = frames[0]!.map(String);
  const header = JSON.parse(sent[sent.indexOf("<IDS|MSG>") + 2]!) as { date: string }; // after the delimiter and hmac
  assert.ok(Date.parse(header.date) - made >= 50, `reply dated ${header.date}, made at ${new Date(made).toISOString()}`);
});

test("each cell compiles as one program: its top-level names from the cell parsed and bound on its own", () => {
  // tslab built a program to find a cell's names, then a second with them exported: now the first is not built.
  // The names must be the ones the cell's file has in a program (tslab's own way), for every kind of declaration.
  const ts = require(require(join(ROOT, "kernel", "typescript")).typescriptPath()) as
    typeof import("@tslab/typescript-for-tslab");
  const cell = [
    'import * as path from "node:path";', 'import { join as j, sep } from "node:path";',
    'import def from "node:assert";', "const a = 1, { b, c: [d] } = { b: 2, c: [3] };", "let [e, ...f] = [4, 5];",
    "for (var g = 0; g < 1; g++) { var inner = g; let blockOnly = 1; }", "function fn() { const notTop = 1; return notTop; }",
    "class K {}", "enum E { X }", "namespace N { export const y = 1; }", "interface I { z: number }", "type T = number;",
    "declare const dc: number;", "const __dunder = 1;", "label: { }",
  ].join("\n");
  const options = { target: ts.ScriptTarget.ES2022, noLib: true, noResolve: true, types: [] };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name, target) => (name === "cell.ts" ? ts.createSourceFile(name, cell, target) : undefined);
  const program = ts.createProgram({ rootNames: ["cell.ts"], options, host });
  program.getTypeChecker();
  const bound = (program.getSourceFile("cell.ts") as unknown as { locals: Map<string, unknown> }).locals;
  const names = [...topLevelNames(cell, ts.ScriptTarget.ES2022)].map(String);
  assert.equal(names.sort(), [...bound.keys()].sort());
  assert.equal(names.sort(), ["E", "I", "K", "N", "T", "___dunder", "a", "b", "d", "dc", "def", "e", "f", "fn", "g",
    "inner", "j", "path", "sep"]);
  // and a later cell sees each of them, through the executor
  const script = `
const { createExecutor } = require("tslab/dist/executor");
const node = require("tslab/dist/converter").createConverter({ isJS: false, isBrowser: false });
const executor = createExecutor(process.cwd(), { node, browser: node, close() {} }, console);
(async () => {
  const cells = ["const { p, q: [r] } = { p: 1, q: [2] }; var i = 3;",
    "function f() { return 5; } class C { v = 7 } enum E { A = 9 }", "p + r + i + f() + new C().v + E.A", "1 + 1"];
  const outcomes = [];
  for (const code of cells) outcomes.push(await executor.execute(code));
  console.log(JSON.stringify(outcomes));
  node.close();
})();`;
  const outcomes = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as
    ExecuteOutcome[];
  assert.equal(outcomes, [{ ok: true }, { ok: true }, { ok: true, last: { value: 27 } }, { ok: true, last: { value: 2 } }]);
});

test("each cell is emitted once, as the CommonJS the executor runs: Out[n], imports, await and earlier cells' names", () => {
  // tslab emitted an ES module and transpiled it again to CommonJS (a fifth of a cell's compile time); now the
  // cell's program emits CommonJS. What the cells give must not change: the last value (or none), imports, dynamic
  // import(), top-level await, and names from earlier cells, read and assigned.
  const script = `
const ts = require(require("./kernel/typescript").typescriptPath());
let transpiled = 0;
// TypeScript's exports are getters: tslab is handed a proxy that counts the calls of transpileModule
const counting = (...a) => (transpiled++, ts.transpileModule(...a));
require("tslab/dist/typescript").provide({
  ts: new Proxy(ts, { get: (t, k) => (k === "transpileModule" ? counting : t[k]) }) });
const { createExecutor } = require("tslab/dist/executor");
const node = require("tslab/dist/converter").createConverter({ isJS: false, isBrowser: false });
const outputs = [];
const conv = { ...node, convert(p, s) { const r = node.convert(p, s); outputs.push(r.output); return r; } };
const executor = createExecutor(process.cwd(), { node: conv, browser: conv, close() {} }, console);
(async () => {
  const cells = [
    'import * as path from "node:path"; import def from "node:assert"; import { sep } from "node:path"; let n = 1; n++; n',
    'n = 10; path.basename("/a/b") + n + sep', "typeof def", "const v = await Promise.resolve(4); v * 2",
    'const m = await import("node:path"); m.sep', "let k = 0; for (let i = 0; i < 3; i++) k++;", "k = k * 2",
    "1 + 1; interface X { a: number } type Y = string;", "2 + 2; const after = 1;", "enum E { A = 3 } E.A",
    "namespace NS { export const z = 5; } NS.z", "declare const nothing: number; 3 * 3", "k + v + after + E.A",
    // CommonJS's own forms: an import assignment now compiles; import.meta, which never ran, is now refused
    'import p = require("node:path"); p.sep', "import.meta.url",
  ];
  const values = [];
  for (const code of cells) {
    const r = await executor.execute(code);
    values.push(r.ok ? (r.last ? r.last.value : "(none)") : "error: " + r.error.evalue);
  }
  console.log(JSON.stringify({ values, transpiled, outputs }));
  node.close();
})();`;
  const r = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as
    { values: unknown[]; transpiled: number; outputs: (string | null)[] };
  // as tslab 1.0.22 did: a namespace is not visible in later cells, and a type declared after the last expression
  // hides its value (the erased declaration is still the last statement when the value is taken)
  assert.equal(r.values.slice(0, -1), [2, "b10/", "function", 8, "/", "(none)", 6, "(none)", "(none)", 3, 5, 9, 14, "/"]);
  assert.match(String(r.values.at(-1)), /^error: The 'import\.meta' meta-property is only allowed/);
  assert.is(r.transpiled, 0, "no cell transpiled a second time");
  // every cell but the refused one (no output) emitted CommonJS only
  assert.is(r.outputs.filter((out) => out === null).length, 1);
  for (const out of r.outputs.filter((o): o is string => o !== null)) {
    assert.not.match(out, /^\s*(import|export)\b/m, `an ES module statement left in:\n${out}`);
  }
  assert.match(r.outputs[0]!, /require\("node:path"\)/);
  assert.match(r.outputs[1]!, /exports\.n = 10/);
});

test.run();
