// @ts-check
/**
 * The kernel's start-up snapshot at run time (kernel/snapshot.js builds it): hands tslab the TypeScript the snapshot
 * holds loaded, and the declaration files it parsed and bound, through tslab's `provide` (tslab/dist/typescript.js,
 * added by patches/tslab+1.0.22.patch). A program gets a parsed file instead of parsing it again only while the file
 * on disk is the one that was parsed, and only if the program's options parse and bind as the snapshot's did.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { sameParsing } = require("./snapshot");

/**
 * @typedef {import("./snapshot").Snapshot} Snapshot
 * @typedef {import("typescript").SourceFile} SourceFile
 * @typedef {import("typescript").CompilerHost} CompilerHost
 * @typedef {import("typescript").CompilerOptions} CompilerOptions
 */

/** Where tslab loads TypeScript from. */
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
 * @param {Pick<Snapshot, "files">} snapshot
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
 * Hand the snapshot's TypeScript and parsed files to tslab, before tslab is loaded. `provided()` of
 * tslab/dist/typescript.js then says `snapshot: true` and what was served (`stats`).
 * @param {Snapshot} snapshot
 */
function handOver(snapshot) {
  // TypeScript reads the current folder once and keeps it: the snapshot's is the folder it was built in, where a cell
  // would then resolve its relative imports and its types. The kernel's is the notebook's folder.
  snapshot.ts.sys.getCurrentDirectory = () => process.cwd();
  /** @type {{ provide(compiler: object): void }} */
  const tslab = require("tslab/dist/typescript");
  tslab.provide({
    ts: snapshot.ts,
    snapshot: true,
    stats,
    serveParsed: (/** @type {CompilerHost} */ host, /** @type {CompilerOptions} */ options) => {
      if (sameParsing(options, snapshot.options)) serveParsed(snapshot, host);
    },
  });
}

module.exports = { handOver, serveParsed, typescriptPath, unchanged, stats };
