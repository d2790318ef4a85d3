/**
 * Compiled cells kept between sessions (kernel/cell-cache.js, through tslab's converter): the same outcomes from the
 * store as from the compiler, and a kept cell compiled again as soon as a file its program read changes. Each
 * session is a child process, as a kernel is. Through a real kernel and Jupyter's clients: test/kernel.test.ts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../scripts/lib/pipeline";

const cache = require("../kernel/cell-cache") as typeof import("../kernel/cell-cache");

interface Session { outcomes: unknown[]; stats: { hits: number; misses: number; written: number; refused: number } }

/** Runs `cells` through tslab's executor in a fresh process in `dir`, compiled cells kept in `store`. */
function session(dir: string, store: string, cells: string[]): Session {
  const script = `
const tslab = (m) => require(${JSON.stringify(join(ROOT, "node_modules", "tslab", "dist"))} + "/" + m);
const store = require(${JSON.stringify(join(ROOT, "kernel", "cell-cache.js"))}).openCellCache(${JSON.stringify(store)});
tslab("converter").useCellCache(store);
const node = tslab("converter").createConverter({ isJS: false, isBrowser: false });
const executor = tslab("executor").createExecutor(process.cwd(), { node, browser: node, close() {} }, console);
(async () => {
  const outcomes = [];
  for (const code of ${JSON.stringify(cells)}) {
    const o = await executor.execute(code);
    outcomes.push(o.ok ? (o.last ? o.last.value : null) : o.error.evalue);
  }
  console.log(JSON.stringify({ outcomes, stats: store.stats }));
  node.close();
})();`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" })) as Session;
}

/** A notebook's folder with Node's types, a package `pkg` (x: number) and a local module `./local` (z: number). */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "cell-cache-"));
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"));
  const pkg = join(dir, "node_modules", "pkg");
  mkdirSync(pkg);
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "pkg", main: "index.js", types: "index.d.ts" }));
  writeFileSync(join(pkg, "index.js"), "exports.x = 41;\n");
  writeFileSync(join(pkg, "index.d.ts"), "export declare const x: number;\n");
  writeFileSync(join(pkg, "text.d.ts"), "export declare const x: string;\n");
  writeFileSync(join(dir, "local.js"), "exports.z = 2;\n");
  writeFileSync(join(dir, "local.d.ts"), "export declare const z: number;\n");
  return dir;
}

const CELLS = [
  'import { x } from "pkg";',
  "const y: number = x + 1;\ny",
  'const s: string = 1;', // a type error: never kept
  "import { z } from './local';\nconst w: number = z * y;\nw",
];

test("a cell compiled before is taken from the store: the same outcomes; cells that fail compile each time", () => {
  const dir = folder();
  const store = mkdtempSync(join(tmpdir(), "cell-store-"));
  const first = session(dir, store, CELLS);
  assert.equal(first.outcomes, [null, 42, "Type 'number' is not assignable to type 'string'.", 84]);
  assert.equal(first.stats, { hits: 0, misses: 4, written: 3, refused: 0 });
  assert.is(readdirSync(store).length, 3);
  const again = session(dir, store, CELLS);
  assert.equal(again.outcomes, first.outcomes);
  assert.equal(again.stats, { hits: 3, misses: 1, written: 0, refused: 0 });
  // an edit that leaves the earlier cells' declarations as they were: the cells after it are still kept
  const edited = session(dir, store, [CELLS[0]!, "const y: number = x + 2;\ny", CELLS[3]!]);
  assert.equal(edited.outcomes, [null, 43, 86]);
  assert.equal(edited.stats, { hits: 2, misses: 1, written: 1, refused: 0 });
});

test("a kept cell is compiled again when a declaration file, a package.json or a folder it read changes", () => {
  const dir = folder();
  const store = mkdtempSync(join(tmpdir(), "cell-store-"));
  const cells = [CELLS[0]!, CELLS[1]!, CELLS[3]!];
  assert.equal(session(dir, store, cells).outcomes, [null, 42, 84]);
  const pkg = join(dir, "node_modules", "pkg");
  // the declaration file itself: same size, a new modification time, and now x is a string
  writeFileSync(join(pkg, "index.d.ts"), "export declare const x: string;\n");
  utimesSync(join(pkg, "index.d.ts"), new Date(), new Date(Date.now() + 5000));
  const retyped = session(dir, store, cells);
  assert.equal(retyped.outcomes.slice(0, 2), [null, "Type 'string' is not assignable to type 'number'."]);
  writeFileSync(join(pkg, "index.d.ts"), "export declare const x: number;\n");
  assert.equal(session(dir, store, cells).outcomes, [null, 42, 84]);
  // package.json, changed in place (its folder's time stays): its `types` now names text.d.ts
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "pkg", main: "index.js", types: "text.d.ts" }));
  utimesSync(join(pkg, "package.json"), new Date(), new Date(Date.now() + 10000));
  assert.equal(session(dir, store, cells).outcomes.slice(0, 2), [null, "Type 'string' is not assignable to type 'number'."]);
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "pkg", main: "index.js", types: "index.d.ts" }));
  assert.equal(session(dir, store, cells).outcomes, [null, 42, 84]);
  // a file added beside one it read: ./local.ts now comes before ./local.d.ts, and z is a string
  writeFileSync(join(dir, "local.ts"), 'export const z: string = "z";\n');
  const shadowed = session(dir, store, cells);
  assert.equal(shadowed.outcomes[2], "The left-hand side of an arithmetic operation must be of type 'any', 'number', 'bigint' or an enum type.");
});

test("a kept cell is compiled again when node_modules/@types gains the types of a package it imported untyped", () => {
  const dir = folder();
  const store = mkdtempSync(join(tmpdir(), "cell-store-"));
  const untyped = join(dir, "node_modules", "untyped");
  mkdirSync(untyped);
  writeFileSync(join(untyped, "package.json"), JSON.stringify({ name: "untyped", main: "index.js" }));
  writeFileSync(join(untyped, "index.js"), "exports.value = 3;\n");
  const cells = ['import * as u from "untyped";\nconst v: number = u.value;\nv'];
  assert.equal(session(dir, store, cells).outcomes, [3]); // u is `any`: no file of it in the program
  assert.equal(session(dir, store, cells).stats.hits, 1);
  mkdirSync(join(dir, "node_modules", "@types", "untyped"));
  writeFileSync(join(dir, "node_modules", "@types", "untyped", "index.d.ts"), "export declare const value: string;\n");
  assert.equal(session(dir, store, cells).outcomes, ["Type 'string' is not assignable to type 'number'."]);
});

test("a cell that imports a local .ts module is compiled each time", () => {
  const dir = folder();
  const store = mkdtempSync(join(tmpdir(), "cell-store-"));
  writeFileSync(join(dir, "helper.ts"), "export const h: number = 5;\n");
  const cells = ["import { h } from './helper';\nh + 1"];
  const first = session(dir, store, cells);
  assert.equal(first.outcomes, [6]);
  assert.equal(first.stats, { hits: 0, misses: 1, written: 0, refused: 1 });
  writeFileSync(join(dir, "helper.ts"), "export const h: number = 7;\n");
  assert.equal(session(dir, store, cells).outcomes, [8]);
});

test("the store: its newest entries only, a cut-short or malformed entry compiled again, one warning where it cannot write", () => {
  const store = mkdtempSync(join(tmpdir(), "cell-store-"));
  const input = join(store, "..", `cell-input-${process.pid}.d.ts`);
  writeFileSync(input, "export {};\n");
  for (let i = 0; i < 5; i++) {
    writeFileSync(join(store, `old${i}.json`), "{}");
    utimesSync(join(store, `old${i}.json`), new Date(0), new Date(1000 * (i + 1)));
  }
  let compiled = 0;
  const compile = (_prev: string, src: string) => (compiled++, { output: src, declOutput: "", diagnostics: [] });
  // as if this process had started a minute from now: the input is older than that
  const s = cache.openCellCache(store, { limit: 3, startedAt: Date.now() + 60_000 });
  const how = { compiler: "test", cwd: store, inputs: () => [input], usable: () => true };
  const convert = s.wrap(compile, how);
  assert.equal(convert("", "a"), { output: "a", declOutput: "", diagnostics: [] });
  assert.equal(readdirSync(store).sort(), ["old3.json", "old4.json", readdirSync(store).find((n) => !n.startsWith("old"))!].sort());
  assert.equal(convert("", "a"), { output: "a", declOutput: "", diagnostics: [] });
  assert.is(compiled, 1);
  const kept = readdirSync(store).find((n) => !n.startsWith("old"))!;
  writeFileSync(join(store, kept), '{"stamps": [');
  assert.equal(convert("", "a"), { output: "a", declOutput: "", diagnostics: [] });
  assert.is(compiled, 2);
  assert.equal(convert("", "a").output, "a");
  assert.is(compiled, 2, "rewritten");
  writeFileSync(join(store, kept), '{"converted": {"output": "stale", "diagnostics": []}}'); // whole, but no stamps
  assert.equal(convert("", "a").output, "a");
  assert.is(compiled, 3);
  const warnings: string[] = [];
  const nowhere = cache.openCellCache(join(input, "cells"), { warn: (m) => warnings.push(m), startedAt: Date.now() + 60_000 });
  const c2 = nowhere.wrap(compile, how);
  assert.equal([c2("", "b").output, c2("", "c").output], ["b", "c"]);
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /a compiled cell could not be kept \(.*cells: .*\); cells compile as before/);
});

test("not kept: a cell whose program read a file changed since the process started, or while a module is in memory", () => {
  const store = mkdtempSync(join(tmpdir(), "cell-store-"));
  const input = join(store, "..", `cell-changed-${process.pid}.d.ts`);
  writeFileSync(input, "export {};\n"); // written now: after `startedAt`
  let compiled = 0;
  const compile = (_prev: string, src: string) => (compiled++, { output: src, declOutput: "", diagnostics: [] });
  const s = cache.openCellCache(store, { startedAt: Date.now() - 60_000 });
  const convert = s.wrap(compile, { compiler: "test", cwd: store, inputs: () => [input], usable: () => true });
  convert("", "a");
  convert("", "a");
  assert.is(compiled, 2);
  assert.equal(s.stats, { hits: 0, misses: 2, written: 0, refused: 2 });
  utimesSync(input, new Date(0), new Date(Date.now() - 120_000)); // as if changed before the process started
  convert("", "a");
  convert("", "a");
  assert.is(compiled, 3);
  assert.equal(s.stats, { hits: 1, misses: 3, written: 1, refused: 2 });
  let inMemory = true;
  const bypassed = s.wrap(compile, { compiler: "test", cwd: store, inputs: () => [input], usable: () => !inMemory });
  bypassed("", "a");
  assert.is(compiled, 4, "compiled although the store holds it");
  inMemory = false;
  bypassed("", "a");
  assert.is(compiled, 4);
  assert.equal(s.stats, { hits: 2, misses: 3, written: 1, refused: 3 });
});

test("RMSPROP_CELL_CACHE: the store's folder, or off", () => {
  assert.is(cache.storeDir({}), join(ROOT, "node_modules", ".cache", "rmsprop-kernel", "cells"));
  assert.is(cache.storeDir({ RMSPROP_CELL_CACHE: "off" }), null);
  assert.is(cache.storeDir({ RMSPROP_CELL_CACHE: "/tmp/x/../y" }), "/tmp/y");
});

test.run();
