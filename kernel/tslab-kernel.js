#!/usr/bin/env node
// @ts-check
/**
 * The project's Jupyter kernel: tslab 1.0.22 (its TypeScript compiler, executor and ZeroMQ plumbing, unchanged)
 * with what a notebook user needs done the way Jupyter defines them:
 *
 * 1. **Errors are Jupyter errors.** tslab prints a failing cell's exception or type errors as stderr text and
 *    replies "error" without saying what went wrong. Here they become an `error` message and an error reply with
 *    `ename`, `evalue` and a short traceback: the message first (`ValidationError: invalid lr: -1 (expected …)`),
 *    then only the frames in the notebook's own code, with paths relative to the notebook. JupyterLab shows them as
 *    an error, and nbclient / `nbconvert --execute` stop on that cell with that message.
 * 2. **Execution counts** are announced with `execute_input` when a cell starts, as ipykernel does.
 * 3. **Outputs never jam the kernel.** zeromq 6 refuses a send while the previous send on the same socket is still
 *    in progress ("Socket is busy writing"), and tslab sends without waiting: after a burst of large outputs (charts)
 *    a send threw, the cell never replied, and the notebook hung at `[*]`. Each socket's sends are queued instead.
 * 4. **Stop on error without a blind window.** After an error, tslab refused every request for 200 ms, including
 *    the ones a user sent after seeing the error, and answered "abort" (the protocol says "aborted"). Here a failing
 *    cell aborts the requests that were already queued or waiting in the shell socket when it failed (what "Run All"
 *    sent), and nothing sent after that.
 * 5. **Only Node's global types.** tslab leaves the compiler option `types` unset, so TypeScript loads every package
 *    of node_modules/@types into each cell's program: in this project @types/jsdom (which brings the whole DOM
 *    library), ws and TensorFlow.js' webgl, long and seedrandom, 1.3 MB of declarations parsed at start and held in
 *    memory. Here `types` is `["node"]`, as in tsconfig.tslab.json: cells see Node's globals and the types of every
 *    package they import.
 * 7. **Last values as in IPython.** tslab printed a cell's last value to stdout, as text. Here it is the cell's
 *    `execute_result` (`Out[n]`, with the cell's execution count): an object with a
 *    `[Symbol.for("Jupyter.display")]()` method (Deno's kernel's convention) shows the MIME bundle it returns; the
 *    library's values that cannot carry the method (chart SVG strings, runs, matrices) show as the library's
 *    `richOf` says; any other value as its `util.inspect` text, a string quoted (`'abc'`, as IPython's repr).
 *    `undefined` and `null` show nothing, as `None` in IPython.
 * 8. **History.** `history_request` (JupyterLab's console, IPython's clients) is answered from the cells this
 *    session executed: `tail`, `range` and `search` (glob pattern), with their outputs' text when asked.
 * 6. **A start-up snapshot.** Parsing those declarations (ES2022's lib and @types/node, 2.7 MB) took most of the
 *    kernel's start. kernel/snapshot.js keeps them parsed and bound in a V8 start-up snapshot, which the set-up
 *    builds; each kernel starts from it and uses a parsed file only while the file on disk is unchanged.
 *
 * Started by the kernelspec that kernel/install.js writes:
 *   node FLAGS --snapshot-blob BLOB -- tslab-kernel.js --config-path CONNECTION_FILE   (from the snapshot)
 *   node FLAGS tslab-kernel.js --config-path CONNECTION_FILE                           (without one)
 * `--check` instead of `--config-path …` prints what the TypeScript the kernel would use holds, and exits.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");

// tslab's TypeScript, as points 5 and 6 say, registered before tslab loads (kernel/snapshot.js may have done it)
require("./typescript").install();

const { createConverter } = require("tslab/dist/converter");
const { createExecutor } = require("tslab/dist/executor");
const jupyter = require("tslab/dist/jupyter");

/** The format tslab's executor prints each TypeScript diagnostic with (tslab/dist/executor.js, printDiagnostics). */
const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

const RED = "\u001b[0;31m";
const DIM = "\u001b[2m";
const RESET = "\u001b[0m";

/**
 * @typedef {{ file: string, line: number, column: number, message: string }} Diagnostic
 * @typedef {{ ename: string, evalue: string, traceback: string[] }} JupyterError
 */

/**
 * A thrown value as a Jupyter error: its name and message first, then the stack frames that are the user's own
 * code (the cell, and files under the notebook's folder such as src/), never Node's internals or tslab's.
 * @param {unknown} thrown
 * @param {string} rootDir the notebook's folder: paths under it are shown relative to it
 * @returns {JupyterError}
 */
function errorFromThrown(thrown, rootDir) {
  const isError = thrown instanceof Error || (typeof thrown === "object" && thrown !== null && "message" in thrown);
  const e = /** @type {{ name?: unknown, message?: unknown, stack?: unknown }} */ (isError ? thrown : {});
  const ename = isError ? String(e.name ?? "Error") : "Error";
  const evalue = isError ? String(e.message ?? "") : `uncaught ${typeof thrown}: ${String(thrown)}`;
  const frames = typeof e.stack === "string" ? userFrames(e.stack, rootDir) : [];
  return { ename, evalue, traceback: [`${RED}${ename}${RESET}: ${evalue}`, ...frames.map((f) => `${DIM}${f}${RESET}`)] };
}

/**
 * The "    at …" lines of a V8 stack that point into the user's code, with their paths shortened. A frame in a file
 * compiled from TypeScript is shown as its source: `src/x.ts` for `src/x.js:L:C` under the notebook's folder (tslab
 * compiles local .ts imports in memory) and for `dist/x.js:L:C` of a package that ships `src/x.ts` beside `dist/`
 * (this project's library). The compiled JavaScript's line numbers would mislead, so none is shown. The cell itself
 * is `<cell>`, once.
 * @param {string} stack
 * @param {string} rootDir
 * @returns {string[]}
 */
function userFrames(stack, rootDir) {
  const root = rootDir.endsWith(path.sep) ? rootDir : rootDir + path.sep;
  /** @returns {string | undefined} how a frame's file is shown, or undefined to keep the frame as it is */
  const shorten = (/** @type {string} */ file) => {
    const compiled = /^(.*)[\\/]dist[\\/](.+)\.js:\d+:\d+$/.exec(file);
    if (compiled && fs.existsSync(path.join(compiled[1] ?? "", "src", `${compiled[2]}.ts`))) return `src/${compiled[2]}.ts`;
    if (!file.startsWith(root)) return undefined;
    const ts = file.replace(/\.js:\d+:\d+$/, ".ts");
    return ts !== file && fs.existsSync(ts) ? ts.slice(root.length) : file.slice(root.length);
  };
  /** @type {string[]} */
  const frames = [];
  for (const line of stack.split("\n")) {
    if (!/^\s+at /.test(line) || /node:internal|node_modules[\\/]|\(node:|tslab-kernel\.js/.test(line)) continue;
    const frame = line
      .trim()
      .replace(/evalmachine\.<anonymous>(:\d+:\d+)?/, "<cell>")
      .replace(/\((\/[^)]*)\)$/, (all, file) => {
        const shown = shorten(file);
        return shown === undefined ? all : `(${shown})`;
      });
    const text = `    ${frame}`;
    if (frames[frames.length - 1] !== text) frames.push(text);
  }
  return frames;
}

/**
 * TypeScript's diagnostics for a cell as one Jupyter error: the first message is the error's value, every
 * diagnostic is a traceback line with where it is (`cell` for the cell itself).
 * @param {readonly Diagnostic[]} diagnostics
 * @returns {JupyterError}
 */
function errorFromDiagnostics(diagnostics) {
  const where = (/** @type {Diagnostic} */ d) => `${d.file || "cell"} ${d.line}:${d.column}`;
  const first = diagnostics[0];
  const evalue = first ? first.message : "the cell does not compile";
  const ename = "TypeScriptError";
  const lines = diagnostics.map((d) => `    at ${where(d)}: ${d.message}`);
  return { ename, evalue, traceback: [`${RED}${ename}${RESET}: ${evalue}`, ...lines.map((l) => `${DIM}${l}${RESET}`)] };
}

/** The method a value shows itself with in a notebook: Deno's kernel's convention. */
const DISPLAY = Symbol.for("Jupyter.display");

/**
 * The project's library (this clone's build), asked how its values without a display method show. Loaded on the
 * first value that could be one of them; absent (not built), every such value shows as text.
 * @type {{ richOf?: (value: unknown) => { [DISPLAY](): object } | undefined } | null | undefined}
 */
let library;
function richOf(/** @type {unknown} */ value) {
  if (library === undefined) {
    try {
      library = require(path.join(__dirname, "..", "dist", "notebook", "frames.js"));
    } catch {
      library = null;
    }
  }
  return library?.richOf?.(value);
}

/**
 * A cell's last value as a MIME bundle, as Jupyter's `execute_result` carries it.
 * @param {unknown} value
 * @returns {Promise<Record<string, unknown>>}
 */
async function displayData(value) {
  const own = (typeof value === "object" || typeof value === "function") && value !== null &&
    typeof (/** @type {any} */ (value))[DISPLAY] === "function";
  const rich = own ? value : (typeof value === "object" && value !== null) || (typeof value === "string" && value.startsWith("<svg"))
    ? richOf(value) : undefined;
  if (rich) {
    const bundle = await (/** @type {any} */ (rich))[DISPLAY]();
    if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle)) {
      throw new TypeError(`[Symbol.for("Jupyter.display")]() returned ${util.inspect(bundle)}, not a MIME bundle`);
    }
    return bundle;
  }
  return { "text/plain": util.inspect(value) };
}

/**
 * A glob pattern (`*` any text, `?` one character, `[…]` a set), as IPython's history search takes it, as a regular
 * expression matching a whole cell.
 * @param {string} glob
 */
function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = /** @type {string} */ (glob[i]);
    const close = c === "[" ? glob.indexOf("]", i + 2) : -1;
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (close > 0) {
      const set = glob.slice(i + 1, close).replace(/\\/g, "\\\\");
      re += `[${set.startsWith("!") ? "^" + set.slice(1) : set}]`;
      i = close;
    } else re += c.replace(/[\\^$.|+(){}[\]]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/**
 * The cells a session executed, for `history_request`. One session (this kernel's); entries are
 * `[session, execution count, input]`, or `[session, count, [input, output]]` when outputs are asked for.
 */
class History {
  constructor() {
    /** @type {{ count: number, input: string, output: string | null }[]} */
    this.cells = [];
  }

  /**
   * @param {number} count
   * @param {string} input
   */
  add(count, input) {
    /** @type {{ count: number, input: string, output: string | null }} */
    const entry = { count, input, output: null };
    this.cells.push(entry);
    return entry;
  }

  /**
   * The reply to a history request.
   * @param {{ hist_access_type?: string, output?: boolean, n?: number, start?: number, stop?: number,
   *   session?: number, pattern?: string, unique?: boolean }} req
   * @returns {{ status: "ok", history: unknown[] }}
   */
  reply(req) {
    let cells = this.cells;
    const n = Number.isInteger(req.n) && /** @type {number} */ (req.n) >= 0 ? /** @type {number} */ (req.n) : undefined;
    if (req.hist_access_type === "tail") {
      cells = n === undefined ? cells : n === 0 ? [] : cells.slice(-n);
    } else if (req.hist_access_type === "range") {
      // this session only (0 is the current one, as IPython counts; an earlier session has no cells here)
      const start = req.start ?? 0;
      const stop = req.stop ?? Infinity;
      cells = req.session === undefined || req.session === 0 || req.session === SESSION
        ? cells.filter((c) => c.count >= start && c.count < stop) : [];
    } else if (req.hist_access_type === "search") {
      const re = globToRegExp(req.pattern ?? "*");
      cells = cells.filter((c) => re.test(c.input));
      if (req.unique) {
        // each input once, at its last execution
        const last = new Map(cells.map((c) => [c.input, c]));
        cells = [...last.values()].sort((a, b) => a.count - b.count);
      }
      if (n !== undefined) cells = n === 0 ? [] : cells.slice(-n);
    } else cells = [];
    const history = cells.map((c) => (req.output ? [SESSION, c.count, [c.input, c.output]] : [SESSION, c.count, c.input]));
    return { status: "ok", history };
  }
}
/** This kernel's history session number (IPython numbers its sessions from 1). */
const SESSION = 1;

/**
 * Collects what tslab's executor reports through `console.error` while one cell runs: either TypeScript
 * diagnostics (printed with DIAGNOSTIC_FORMAT) or the thrown value (printed alone).
 */
class ErrorCollector {
  constructor() {
    /** @type {Diagnostic[]} */
    this.diagnostics = [];
    /** @type {{ value: unknown } | null} */
    this.thrown = null;
  }

  reset() {
    this.diagnostics = [];
    this.thrown = null;
  }

  /** @param {unknown[]} args */
  error(...args) {
    if (args[0] === DIAGNOSTIC_FORMAT && args.length === 5) {
      const [, file, line, column, message] = args;
      this.diagnostics.push({ file: String(file).trim(), line: Number(line), column: Number(column), message: String(message) });
    } else if (args.length === 1 && this.thrown === null) {
      this.thrown = { value: args[0] };
    } else {
      console.error(...args);
    }
  }

  /**
   * The error of a cell that failed, from what was collected.
   * @param {string} rootDir
   * @returns {JupyterError}
   */
  toJupyter(rootDir) {
    if (this.diagnostics.length > 0) return errorFromDiagnostics(this.diagnostics);
    if (this.thrown) return errorFromThrown(this.thrown.value, rootDir);
    return { ename: "Error", evalue: "the cell failed", traceback: [`${RED}Error${RESET}: the cell failed`] };
  }
}

/** tslab's pair of compilers (Node and browser), made on first use as tslab's own kernel does. */
class Converters {
  constructor() {
    /** @type {import("tslab/dist/converter").Converter | undefined} */
    this._node = undefined;
    /** @type {import("tslab/dist/converter").Converter | undefined} */
    this._browser = undefined;
  }
  get node() {
    this._node ??= createConverter({ isJS: false, isBrowser: false });
    return this._node;
  }
  get browser() {
    this._browser ??= createConverter({ isJS: false, isBrowser: true });
    return this._browser;
  }
  close() {
    this._node?.close();
    this._browser?.close();
  }
}

/**
 * tslab's types for what Jupyter sends and expects (its declarations do not export them by name).
 * @typedef {jupyter.JupyterHandlerImpl} Base
 * @typedef {Parameters<Base["handleExecute"]>[0]} ExecuteRequest
 * @typedef {Parameters<Base["handleExecute"]>[1]} WriteStream
 * @typedef {Parameters<Base["handleExecute"]>[2]} WriteDisplayData
 * @typedef {Awaited<ReturnType<Base["handleExecute"]>>} ExecuteReply
 * @typedef {(type: string, content: object) => void} Publish
 */

/** UTF-8 text of what a cell writes to stdout or stderr. */
const utf8 = new TextDecoder();

/**
 * Executes cells (what this kernel changes); tslab's own handler answers everything else: kernel info,
 * completion, inspection, is-complete, shutdown.
 */
class Handler {
  /**
   * @param {ReturnType<typeof createExecutor>} executor
   * @param {ErrorCollector} errors
   * @param {string} rootDir
   * @param {LastValue} last where the executor leaves a cell's last value
   */
  constructor(executor, errors, rootDir, last = new LastValue()) {
    this.tslab = new jupyter.JupyterHandlerImpl(executor, false);
    this.executor = executor;
    this.errors = errors;
    this.rootDir = rootDir;
    this.last = last;
    this.history = new History();
    this.execCount = 0;
    /** how many cells have failed with stop_on_error; a request queued before a failure is aborted */
    this.failures = 0;
    /** set by a failure, cleared once the shell socket has no request left waiting */
    this.aborting = false;
    /** @type {Promise<unknown>} */
    this.queue = Promise.resolve();
  }

  handleKernel() {
    return this.tslab.handleKernel();
  }
  /** @param {Parameters<Base["handleIsComplete"]>[0]} req */
  handleIsComplete(req) {
    return this.tslab.handleIsComplete(req);
  }
  /** @param {Parameters<Base["handleInspect"]>[0]} req */
  handleInspect(req) {
    return this.tslab.handleInspect(req);
  }
  /** @param {Parameters<Base["handleComplete"]>[0]} req */
  handleComplete(req) {
    return this.tslab.handleComplete(req);
  }
  /** @param {Parameters<Base["handleShutdown"]>[0]} req */
  handleShutdown(req) {
    return this.tslab.handleShutdown(req);
  }
  close() {
    this.tslab.close();
  }

  /**
   * A last value's MIME bundle. A display method that fails shows its error on stderr, as IPython does for a
   * failing `_repr_html_`, and the value its text form.
   * @param {unknown} value
   * @param {WriteStream} writeStream
   * @returns {Promise<Record<string, unknown>>}
   */
  async resultData(value, writeStream) {
    try {
      return await displayData(value);
    } catch (e) {
      writeStream("stderr", `the cell's value could not be displayed: ${e instanceof Error ? e.stack : String(e)}\n`);
      return { "text/plain": util.inspect(value) };
    }
  }

  /**
   * @param {Parameters<History["reply"]>[0]} req
   */
  handleHistory(req) {
    return this.history.reply(req);
  }

  /**
   * Queue a cell: cells run one at a time, in the order they arrived.
   * @param {ExecuteRequest} req
   * @param {WriteStream} writeStream
   * @param {WriteDisplayData} writeDisplayData
   * @param {Publish} [publish]
   * @returns {Promise<ExecuteReply>}
   */
  handleExecute(req, writeStream, writeDisplayData, publish = () => {}) {
    // a request read while aborting was already waiting when the failure happened: it belongs before it
    const seen = this.aborting ? this.failures - 1 : this.failures;
    const run = async () => {
      if (seen < this.failures) return /** @type {ExecuteReply} */ (/** @type {unknown} */ ({ status: "aborted", execution_count: null }));
      return this.execute(req, writeStream, writeDisplayData, publish);
    };
    const result = this.queue.then(run, run);
    this.queue = result;
    return result;
  }

  /**
   * @param {ExecuteRequest} req
   * @param {WriteStream} writeStream
   * @param {WriteDisplayData} writeDisplayData
   * @param {Publish} publish
   * @returns {Promise<ExecuteReply>}
   */
  async execute(req, writeStream, writeDisplayData, publish) {
    // outputs written after the cell has finished (timers) still go to it, as in tslab and ipykernel
    /** @param {"stdout" | "stderr"} name */
    const toCell = (name) => (/** @type {string | Uint8Array} */ chunk) => {
      writeStream(name, typeof chunk === "string" ? chunk : utf8.decode(chunk));
      return true;
    };
    process.stdout.write = /** @type {any} */ (toCell("stdout"));
    process.stderr.write = /** @type {any} */ (toCell("stderr"));
    jupyter.lastWriteDisplayData = writeDisplayData;
    const count = ++this.execCount;
    publish("execute_input", { code: req.code, execution_count: count });
    const entry = req.silent || req.store_history === false ? undefined : this.history.add(count, req.code);
    this.errors.reset();
    this.last.reset();
    let ok;
    try {
      ok = await this.executor.execute(req.code);
    } catch (e) {
      this.errors.error(e);
      ok = false;
    }
    if (ok) {
      // an `//@module` cell reports type errors but is registered anyway (tslab's behaviour): show them as text
      for (const d of this.errors.diagnostics) writeStream("stderr", `${d.file || "cell"} ${d.line}:${d.column} - ${d.message}\n`);
      const last = this.last.take();
      if (last && !req.silent) {
        const data = await this.resultData(last.value, writeStream);
        publish("execute_result", { execution_count: count, data, metadata: {} });
        if (entry && typeof data["text/plain"] === "string") entry.output = data["text/plain"];
      }
      return { status: "ok", execution_count: count, user_expressions: {} };
    }
    const error = this.errors.toJupyter(this.rootDir);
    publish("error", error);
    if (req.stop_on_error !== false) {
      this.failures++;
      this.aborting = true;
    }
    return { status: "error", execution_count: count, ...error };
  }
}

/**
 * What tslab's executor reports through `console.log`: it calls it once, with a cell's last value when that is
 * neither undefined nor null (tslab/dist/executor.js, `execute`), and for nothing else.
 */
class LastValue {
  constructor() {
    /** @type {{ value: unknown } | null} */
    this.last = null;
  }
  reset() {
    this.last = null;
  }
  /** @param {unknown[]} args */
  log(...args) {
    if (args.length === 1) this.last = { value: args[0] };
    else console.log(...args);
  }
  take() {
    const last = this.last;
    this.last = null;
    return last;
  }
}

/** Where the kernel's own messages go (Jupyter's log), before tslab points stderr at a cell's output. */
const kernelLog = process.stderr.write.bind(process.stderr);

/**
 * The socket, with a `send` that waits for its previous send instead of throwing "Socket is busy writing", keeping
 * the order. A failed send on an open socket is written to the kernel's log; the returned promise never rejects
 * (tslab does not await it).
 * @template {{ send(frames: any): Promise<void>, closed?: boolean }} S
 * @param {S} sock
 * @returns {S}
 */
function serializeSends(sock) {
  const send = sock.send.bind(sock);
  /** @type {Promise<void>} */
  let last = Promise.resolve();
  const queued = (/** @type {unknown} */ frames) => {
    last = last.then(() => send(frames)).catch((e) => {
      // at shutdown tslab closes the sockets while a last status may still be queued: not worth a line
      if (!(/** @type {{ closed?: boolean }} */ (sock).closed)) kernelLog(`[tslab-kernel] a message could not be sent: ${e}\n`);
    });
    return last;
  };
  // zeromq's sockets are sealed: wrap one instead, forwarding everything else to it
  return new Proxy(sock, {
    get(target, prop) {
      if (prop === "send") return queued;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The frame between a message's ZeroMQ routing identities and its signature (Jupyter's wire protocol). */
const DELIM = Buffer.from("<IDS|MSG>");

/**
 * A Jupyter message read from a shell socket's frames, with the interface of tslab's own (unexported) message class
 * that its server uses: `createReply()`, `signAndSend(key, sock)`. For the requests tslab has no case for.
 */
class WireMessage {
  /**
   * @param {Buffer[]} identity
   * @param {any} header
   * @param {any} parent
   * @param {any} content
   */
  constructor(identity, header, parent, content) {
    this.identity = identity;
    this.header = header;
    this.parent = parent;
    /** @type {object} */
    this.metadata = {};
    this.content = content;
  }

  /**
   * The message of these frames, its signature checked; null when they are not one.
   * @param {string} key
   * @param {Buffer[]} frames
   */
  static read(key, frames) {
    const at = frames.findIndex((f) => DELIM.equals(f));
    if (at < 0 || frames.length < at + 6) return null;
    const parts = frames.slice(at + 2, at + 6);
    const hmac = crypto.createHmac("sha256", key);
    for (const p of parts) hmac.update(p);
    if (key && hmac.digest("hex") !== String(frames[at + 1])) return null;
    const [header, parent, , content] = parts.map((p) => JSON.parse(String(p)));
    return new WireMessage(frames.slice(0, at), header, parent, content);
  }

  createReply() {
    const header = { ...this.header, date: new Date().toISOString(), msg_id: crypto.randomBytes(16).toString("hex"), version: "5.3" };
    return new WireMessage(this.identity, header, this.header, {});
  }

  /**
   * @param {string} key
   * @param {{ send(frames: unknown): unknown }} sock
   */
  signAndSend(key, sock) {
    const bodies = [this.header, this.parent, this.metadata, this.content].map((b) => JSON.stringify(b));
    const hmac = crypto.createHmac("sha256", key);
    for (const b of bodies) hmac.update(b);
    sock.send([...this.identity, DELIM, key ? hmac.digest("hex") : "", ...bodies]);
  }
}

class Server extends jupyter.ZmqServer {
  /**
   * tslab's dispatch, plus `history_request`, which it has no case for (it logged "unknown msg_type" and never
   * replied).
   * @override
   * @param {any} sock
   * @param {Buffer[]} frames
   */
  async handleShellMessage(sock, ...frames) {
    const at = frames.findIndex((f) => DELIM.equals(f));
    let type;
    try {
      type = at >= 0 ? JSON.parse(String(frames[at + 2])).msg_type : undefined;
    } catch {
      type = undefined;
    }
    if (type !== "history_request") return super.handleShellMessage(sock, ...frames);
    const msg = WireMessage.read(this.connInfo.key, frames);
    if (!msg) return super.handleShellMessage(sock, ...frames); // tslab reports what is wrong with it
    this.publishStatus("busy", /** @type {any} */ (msg));
    try {
      const reply = msg.createReply();
      reply.header.msg_type = "history_reply";
      reply.content = /** @type {Handler} */ (this.handler).handleHistory(msg.content);
      reply.signAndSend(this.connInfo.key, sock);
    } finally {
      this.publishStatus("idle", /** @type {any} */ (msg));
    }
  }

  /** @override */
  async init() {
    await super.init();
    this.iopub = serializeSends(this.iopub);
    this.shell = serializeSends(this.shell);
    this.control = serializeSends(this.control);
    this.stdin = serializeSends(this.stdin);
    this.hb = serializeSends(this.hb);
  }

  /**
   * tslab's execute handler, plus a publisher for `execute_input` and `error` on the IOPub channel.
   * @override
   * @param {any} sock
   * @param {any} msg
   */
  async handleExecute(sock, msg) {
    const handler = /** @type {Handler} */ (this.handler);
    const publish = (/** @type {string} */ type, /** @type {object} */ content) => {
      const m = msg.createReply();
      m.header.msg_type = type;
      m.content = content;
      m.signAndSend(this.connInfo.key, this.iopub);
    };
    const writeStream = (/** @type {string} */ name, /** @type {string} */ text) => publish("stream", { name, text });
    const writeDisplayData = (/** @type {object} */ data, /** @type {boolean} */ update) =>
      publish(update ? "update_display_data" : "display_data", data);
    const pending = handler.handleExecute(msg.content, writeStream, writeDisplayData, publish);
    // requests still waiting in the socket when a cell failed are aborted; once it is empty, the abort is over
    if (handler.aborting && !this.shell.readable) handler.aborting = false;
    const content = await pending;
    if (handler.aborting && !this.shell.readable) handler.aborting = false;
    const reply = msg.createReply();
    reply.header.msg_type = "execute_reply";
    reply.content = content;
    reply.signAndSend(this.connInfo.key, sock);
  }
}

/** @param {string} configPath the connection file Jupyter passes */
function startKernel(configPath) {
  const rootDir = process.cwd();
  const errors = new ErrorCollector();
  const last = new LastValue();
  const converters = new Converters();
  const executor = createExecutor(rootDir, converters, { log: (...a) => last.log(...a), error: (...a) => errors.error(...a) });
  const server = new Server(new Handler(executor, errors, rootDir, last), configPath);
  process.on("SIGINT", () => executor.interrupt());
  process.on("uncaughtException", (err) => console.error("Uncaught exception (outside any cell):", err));
  process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection (outside any cell):", reason));
  // The sockets are bound first, then the compiler is made (the first cell's longest wait). Jupyter's clients
  // connect meanwhile (ZeroMQ works in its own thread), so their first kernel_info request finds the IOPub
  // subscription in place, rather than retrying every 200 ms until a status message gets through.
  server.init().then(() => converters.node, (e) => {
    kernelLog(`[tslab-kernel] could not start: ${e && e.stack}\n`);
    process.exit(1);
  });
}

/**
 * The kernel's command line: `--config-path CONNECTION_FILE` starts the kernel, `--check` prints one JSON line about
 * the TypeScript it would use (from a snapshot or not, how many parsed files, which ones are stale) and exits.
 * @param {string[]} args
 * @param {import("./snapshot").Snapshot} [snapshot] what kernel/snapshot.js restored
 */
function main(args, snapshot) {
  if (args.includes("--check")) {
    const { typescriptPath, unchanged } = require("./typescript");
    const typescript = require(typescriptPath());
    const files = snapshot ? [...snapshot.files.entries()] : [];
    const stale = files.filter(([f, p]) => !unchanged(f, p));
    console.log(JSON.stringify({ snapshot: Boolean(snapshot), typescript: typescript.version, parsed: files.length,
      stale: stale.map(([f]) => f), fromSnapshot: typescript.rmspropKernel?.snapshot === true }));
    return;
  }
  const i = args.indexOf("--config-path");
  const configPath = i >= 0 ? args[i + 1] : undefined;
  if (!configPath) {
    console.error("usage: node tslab-kernel.js --config-path CONNECTION_FILE | --check");
    process.exit(2);
  }
  startKernel(configPath);
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { main, errorFromThrown, errorFromDiagnostics, userFrames, ErrorCollector, DIAGNOSTIC_FORMAT, serializeSends,
  displayData, globToRegExp, History };
