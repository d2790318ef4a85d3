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
 * What decides whether these files still declare what they did: each file, its folder (a file added beside it can
 * change how an import resolves) and the nearest package.json above it (its `types`).
 * @param {string[]} files
 * @returns {Stamp[]}
 */
function stampsOf(files) {
  const seen = new Set(files);
  const more = /** @type {string[]} */ ([]);
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
    const dir = path.dirname(f);
    const pkg = packageJsonOf(dir);
    for (const extra of [dir, pkg]) {
      if (extra && !seen.has(extra)) {
        seen.add(extra);
        more.push(extra);
      }
    }
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
 * A store of compiled cells in `dir` (made when first written).
 * @param {string} dir
 * @param {{ limit?: number, warn?: (message: string) => void }} [options]
 */
function openCellCache(dir, { limit = LIMIT, warn = (m) => console.error(m) } = {}) {
  const stats = { hits: 0, misses: 0, written: 0, refused: 0 };
  let writable = true;
  let pruned = false;

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

  /** Keeps the `limit` newest entries. */
  const prune = () => {
    const names = fs.readdirSync(dir).filter((n) => n.endsWith(".json"));
    if (names.length <= limit) return;
    const byAge = names.map((n) => ({ n, t: fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => a.t - b.t);
    for (const { n } of byAge.slice(0, names.length - limit)) fs.rmSync(path.join(dir, n), { force: true });
  };

  /**
   * The entry in `file` if it is still good: there, whole, and every file it stamped unchanged. Anything else (an
   * entry cut short, a folder no longer readable) is a miss: the cell is compiled.
   * @param {string} file
   */
  const lookup = (file) => {
    try {
      const entry = read(file);
      return entry && unchanged(entry.stamps) ? entry : null;
    } catch {
      return null;
    }
  };

  /** @param {string} file @param {Converted} converted @param {string[]} files its program's inputs */
  const write = (file, converted, files) => {
    if (!writable) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ stamps: stampsOf(files), converted }));
      fs.renameSync(tmp, file);
      stats.written++;
      if (!pruned) {
        pruned = true;
        prune();
      }
    } catch (e) {
      writable = false;
      warn(`[kernel] compiled cells are not kept (${dir}: ${/** @type {Error} */ (e).message}); each cell compiles as before`);
    }
  };

  return {
    dir,
    stats,
    /**
     * `convert`, answered from the store where it holds the cell compiled with the same earlier declarations, the
     * same compiler and the same files on disk.
     * @param {Convert} convert tslab's
     * @param {{ compiler: string, inputs: () => string[] | null }} how the compiler's version and options; the files
     *   the last compiled cell's program read (null if it read one that is not a declaration file on disk)
     * @returns {Convert}
     */
    wrap(convert, { compiler, inputs }) {
      return (prevDecl, src) => {
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
        if (!files) {
          stats.refused++;
          return converted;
        }
        write(file, converted, files);
        return converted;
      };
    },
  };
}

module.exports = { openCellCache, storeDir, stampsOf, FORMAT, LIMIT };
