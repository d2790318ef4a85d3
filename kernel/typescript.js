// @ts-check
/**
 * tslab's TypeScript as this kernel hands it to tslab (points 5 and 6 of tslab-kernel.js): registered in Node's module
 * cache under the path tslab requires, so tslab's converter gets it instead of loading its own copy.
 * - Every program gets `types: ["node"]`.
 * - With a start-up snapshot (kernel/snapshot.js), TypeScript is the snapshot's, already loaded, and a program gets
 *   the snapshot's parsed and bound declaration files instead of parsing them again, each one only while the file
 *   on disk is the one that was parsed and only if the program's options parse and bind as the snapshot's did.
 */
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const { sameParsing } = require("./snapshot");

/**
 * @typedef {import("./snapshot").Snapshot} Snapshot
 * @typedef {import("typescript").SourceFile} SourceFile
 * @typedef {import("typescript").CompilerHost} CompilerHost
 */

/** Where tslab's converter loads TypeScript from. */
function typescriptPath() {
  return require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/package.json"))] });
}

/**
 * Whether a file parsed into the snapshot is still the file on disk (same size and modification time).
 * @param {string} fileName
 * @param {{ size: number, mtimeMs: number }} parsed
 */
function unchanged(fileName, parsed) {
  const st = fs.statSync(fileName, { throwIfNoEntry: false });
  return Boolean(st && st.size === parsed.size && st.mtimeMs === parsed.mtimeMs);
}

/** What the snapshot saved this kernel: how many declaration files it served, and which were stale on disk. */
const stats = { served: 0, stale: /** @type {string[]} */ ([]) };

/**
 * A compiler host's `getSourceFile` that serves the snapshot's file when it is still the file on disk and was
 * parsed for the same language version and module format.
 * @param {Snapshot} snapshot
 * @param {CompilerHost} host
 */
function serveParsed(snapshot, host) {
  /** @type {Map<string, SourceFile | null>} */
  const checked = new Map();
  /** @returns {SourceFile | undefined} */
  const parsed = (/** @type {string} */ fileName, /** @type {unknown} */ how, /** @type {boolean | undefined} */ fresh) => {
    if (fresh) return undefined;
    let sf = checked.get(fileName);
    if (sf === undefined) {
      const p = snapshot.files.get(fileName);
      sf = null;
      if (p) {
        if (unchanged(fileName, p)) sf = p.sourceFile;
        else stats.stale.push(fileName);
      }
      checked.set(fileName, sf);
    }
    if (!sf) return undefined;
    const o = /** @type {{ languageVersion?: number, impliedNodeFormat?: number }} */ (typeof how === "object" && how ? how : { languageVersion: how });
    if (o.languageVersion !== sf.languageVersion || o.impliedNodeFormat !== sf.impliedNodeFormat) return undefined;
    stats.served++;
    return sf;
  };
  const { getSourceFile, getSourceFileByPath } = host;
  host.getSourceFile = (fileName, how, onError, fresh) => parsed(fileName, how, fresh) ?? getSourceFile.call(host, fileName, how, onError, fresh);
  if (getSourceFileByPath) {
    host.getSourceFileByPath = (fileName, p, how, onError, fresh) =>
      parsed(fileName, how, fresh) ?? getSourceFileByPath.call(host, fileName, p, how, onError, fresh);
  }
}

/**
 * Register tslab's TypeScript, once, before tslab is loaded.
 * @param {Snapshot} [snapshot]
 */
function install(snapshot) {
  const id = typescriptPath();
  if (require.cache[id]?.exports?.rmspropKernel) return;
  /** @type {typeof import("typescript")} */
  const ts = snapshot ? snapshot.ts : require(id);
  /** @type {typeof ts.createWatchCompilerHost} */
  const createWatchCompilerHost = (/** @type {any} */ files, /** @type {any} */ options, /** @type {any[]} */ ...rest) => {
    const withTypes = { ...options, types: ["node"] };
    const host = /** @type {any} */ (ts.createWatchCompilerHost)(files, withTypes, ...rest);
    if (snapshot && sameParsing(withTypes, snapshot.options)) {
      const createProgram = host.createProgram;
      /** @type {Set<CompilerHost>} */
      const served = new Set();
      host.createProgram = (/** @type {any} */ roots, /** @type {any} */ opts, /** @type {CompilerHost} */ compilerHost, /** @type {any[]} */ ...more) => {
        if (compilerHost && !served.has(compilerHost)) {
          serveParsed(snapshot, compilerHost);
          served.add(compilerHost);
        }
        return createProgram(roots, opts, compilerHost, ...more);
      };
    }
    return host;
  };
  const m = new Module(id);
  m.filename = id;
  m.loaded = true;
  m.exports = { ...ts, createWatchCompilerHost, rmspropKernel: { snapshot: Boolean(snapshot), stats } };
  require.cache[id] = m;
}

module.exports = { install, serveParsed, typescriptPath, unchanged, stats };
