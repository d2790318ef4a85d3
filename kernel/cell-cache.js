// @ts-check
/**
 * Compiled cells, kept on disk between sessions: a cell compiled once with the same earlier cells is not type-checked
 * and emitted again. tslab compiles a cell from two texts, the declarations of the cells run before it and the cell
 * itself; with the same two texts, the same compiler and the same declaration files on disk, it gives the same
 * JavaScript. So a kernel restarted on an unchanged notebook (Run All again, a handout rebuilt, the set-up's own
 * notebooks opened in JupyterLab) runs each cell without compiling it, and a cell edited further down leaves the
 * cells above it, and the cells after it whose earlier declarations did not change, as they were.
 *
 * What is kept: the compiled cell (its JavaScript, its declarations, the name of its last value) and the files its
 * program read (each declaration file's size and modification time, its folder's, and its package's package.json's).
 * An entry is used only while all of those are unchanged, so `npm run build` or an `npm install` compiles the cells
 * again. Cells that fail to compile, and cells that import a local .ts, .js or .json file, are not kept.
 *
 * tslab (patches/tslab+1.0.22.patch) asks `wrap` for each converter's `convert`; kernel/tslab-kernel.js opens the
 * store in `storeDir`: node_modules/.cache/rmsprop-kernel/cells, `RMSPROP_CELL_CACHE=off` for none, or a folder.
 * Entries are one JSON file each, written atomically; the oldest go when there are more than `limit`.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/** Bumped when what an entry holds changes: older entries are then never found. */
const FORMAT = "rmsprop-cell-cache 1";
/** At most this many entries: about 30 kB each for the notebooks' cells, 120 of them for the four. */
const LIMIT = 600;

/**
 * @typedef {import("tslab/dist/converter").ConvertResult} Converted what tslab's `convert` returns
 * @typedef {(prevDecl: string, src: string) => Converted} Convert
 * @typedef {[file: string, size: number, mtimeMs: number]} Stamp a file's or folder's size and modification time
 *   (-1, -1 for a file that is not there)
 */

/**
 * Where the kernel keeps compiled cells: node_modules/.cache/rmsprop-kernel/cells, or `RMSPROP_CELL_CACHE` (a
 * folder; `off` for none).
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null}
 */
function storeDir(env) {
  const chosen = env.RMSPROP_CELL_CACHE;
  if (chosen === "off") return null;
  return chosen ? path.resolve(chosen) : path.join(__dirname, "..", "node_modules", ".cache", "rmsprop-kernel", "cells");
}

/** @param {string} file @returns {Stamp} */
function stamp(file) {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? [file, st.isDirectory() ? 0 : st.size, st.mtimeMs] : [file, -1, -1];
}

/**
 * What decides whether a cell's program would still read what it read: each file it read, its folder (a file added
 * beside it can change what an import finds), every folder between it and the notebook's folder for a file there,
 * the nearest package.json above it (its `types`), and the places a package import looks on the way up from the
 * notebook's folder: each `node_modules`, its `@types` and npm's `node_modules/.package-lock.json` (rewritten by
 * every npm install, uninstall and link).
 * @param {string[]} files
 * @param {string} cwd the notebook's folder
 * @returns {Stamp[]} the files' stamps first, in their order, then the others
 */
function stampsOf(files, cwd) {
  const seen = new Set(files);
  const more = /** @type {string[]} */ ([]);
  /** @param {string | null} p */
  const add = (p) => {
    if (p && !seen.has(p)) {
      seen.add(p);
      more.push(p);
    }
  };
  /** @type {Map<string, string | null>} */
  const manifest = new Map();
  /** @param {string} dir @returns {string | null} */
  const packageJsonOf = (dir) => {
    let m = manifest.get(dir);
    if (m === undefined) {
      const candidate = path.join(dir, "package.json");
      const parent = path.dirname(dir);
      m = fs.existsSync(candidate) ? candidate : parent === dir ? null : packageJsonOf(parent);
      manifest.set(dir, m);
    }
    return m;
  };
  for (const f of files) {
    let dir = path.dirname(f);
    add(dir);
    add(packageJsonOf(dir));
    const rel = path.relative(cwd, dir);
    if (!rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules")) {
      while (dir !== cwd && dir !== path.dirname(dir)) add((dir = path.dirname(dir)));
    }
  }
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const modules = path.join(dir, "node_modules");
    add(modules);
    add(path.join(modules, "@types"));
    add(path.join(modules, ".package-lock.json"));
    if (dir === path.dirname(dir)) break;
  }
  return [...files, ...more].map(stamp);
}

/** @param {Stamp[]} stamps */
function unchanged(stamps) {
  return stamps.every(([file, size, mtimeMs]) => {
    const [, s, m] = stamp(file);
    return s === size && m === mtimeMs;
  });
}

/**
 * Whether `converted` has the shape of a cell that compiled.
 * @param {unknown} converted
 * @returns {converted is Converted}
 */
function compiledCell(converted) {
  if (typeof converted !== "object" || converted === null) return false;
  const c = /** @type {Record<string, unknown>} */ (converted);
  const text = (/** @type {unknown} */ v) => v === undefined || typeof v === "string";
  return Array.isArray(c.diagnostics) && c.diagnostics.length === 0 && text(c.output) && text(c.declOutput) &&
    text(c.lastExpressionVar) && (c.hasToplevelAwait === undefined || typeof c.hasToplevelAwait === "boolean") &&
    c.sideOutputs === undefined;
}

/** Writes between two looks at the store's size. */
const PRUNE_EVERY = 100;
/** A temporary file older than this (ms) was left by a process that stopped while writing. */
const TMP_AGE = 10 * 60 * 1000;
/** After this many failed writes the store is not written again in this process. */
const FAILURES = 3;

/**
 * A store of compiled cells in `dir` (made when first written).
 * @param {string} dir
 * @param {{ limit?: number, warn?: (message: string) => void, startedAt?: number }} [options] `startedAt`: when this
 *   process started (ms since 1970): a cell whose program read a file changed since then is not kept, as the
 *   compiler may have used the file as it was before
 */
function openCellCache(dir, { limit = LIMIT, warn = (m) => console.error(m), startedAt = performance.timeOrigin } = {}) {
  const stats = { hits: 0, misses: 0, written: 0, refused: 0 };
  let failures = 0;
  let sincePrune = PRUNE_EVERY;

  /** @param {string} key */
  const fileOf = (key) => path.join(dir, `${key}.json`);

  /** @param {string} file @returns {{ stamps: Stamp[], converted: Converted } | null} */
  const read = (file) => {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return null; // not there
    }
    try {
      return JSON.parse(text);
    } catch {
      fs.rmSync(file, { force: true }); // cut short (a full disk, say): compiled again and rewritten
      return null;
    }
  };

  /** Keeps the `limit` entries used last; removes temporary files left by a process stopped while writing. */
  const prune = () => {
    const now = Date.now();
    const entries = [];
    for (const n of fs.readdirSync(dir)) {
      const st = fs.statSync(path.join(dir, n), { throwIfNoEntry: false });
      if (!st) continue;
      if (n.endsWith(".json")) entries.push({ n, t: st.mtimeMs });
      else if (n.endsWith(".tmp") && now - st.mtimeMs > TMP_AGE) fs.rmSync(path.join(dir, n), { force: true });
    }
    if (entries.length <= limit) return;
    entries.sort((a, b) => a.t - b.t);
    for (const { n } of entries.slice(0, entries.length - limit)) fs.rmSync(path.join(dir, n), { force: true });
  };

  /**
   * The entry in `file` if it is still good: there, whole, a compiled cell, and every file it stamped unchanged; its
   * time is set to now (the store keeps the entries used last). Anything else (an entry cut short or malformed, a
   * folder no longer readable) is a miss: the cell is compiled.
   * @param {string} file
   */
  const lookup = (file) => {
    try {
      const entry = read(file);
      if (!entry || !compiledCell(entry.converted) || !unchanged(entry.stamps)) return null;
      try {
        const now = new Date();
        fs.utimesSync(file, now, now);
      } catch {
        // a store this process may read but not write: the entry is used all the same
      }
      return entry;
    } catch {
      return null;
    }
  };

  /** @param {string} file @param {Converted} converted @param {Stamp[]} stamps */
  const write = (file, converted, stamps) => {
    if (failures >= FAILURES) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ stamps, converted }));
      fs.renameSync(tmp, file);
      stats.written++;
    } catch (e) {
      if (failures++ === 0) {
        warn(`[kernel] a compiled cell could not be kept (${dir}: ${/** @type {Error} */ (e).message}); cells compile as before`);
      }
      return;
    }
    if (++sincePrune >= PRUNE_EVERY) {
      sincePrune = 0;
      try {
        prune();
      } catch {
        // another kernel pruning at the same time: the next look tries again
      }
    }
  };

  return {
    dir,
    stats,
    /**
     * `convert`, answered from the store where it holds the cell compiled with the same earlier declarations, the
     * same compiler and the same files on disk.
     * @param {Convert} convert tslab's
     * @param {{ compiler: string, cwd: string, inputs: () => string[] | null, usable: () => boolean }} how the
     *   compiler, its options and the converter; the notebook's folder; the files the last compiled cell's program
     *   read (null if it read one that is not a declaration file on disk); whether the store may be used now
     * @returns {Convert}
     */
    wrap(convert, { compiler, cwd, inputs, usable }) {
      return (prevDecl, src) => {
        if (!usable()) {
          stats.refused++;
          return convert(prevDecl, src);
        }
        const key = crypto.createHash("sha256").update(JSON.stringify([FORMAT, compiler, prevDecl, src])).digest("hex");
        const file = fileOf(key);
        const entry = lookup(file);
        if (entry) {
          stats.hits++;
          return entry.converted;
        }
        stats.misses++;
        const converted = convert(prevDecl, src);
        if (converted.diagnostics.length > 0) return converted;
        const files = converted.sideOutputs ? null : inputs();
        let stamps = null;
        try {
          stamps = files && stampsOf(files, cwd);
        } catch {
          // a file no longer readable: not kept
        }
        // a file changed since this process started may have been compiled as it was before the change
        if (!stamps || stamps.slice(0, files?.length).some(([, size, mtimeMs]) => size < 0 || mtimeMs >= startedAt)) {
          stats.refused++;
          return converted;
        }
        write(file, converted, stamps);
        return converted;
      };
    },
  };
}

module.exports = { openCellCache, storeDir, stampsOf, FORMAT, LIMIT, PRUNE_EVERY };
