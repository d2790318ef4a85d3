/**
 * The library as a package: notebooks import the compiled `dist/` by name ("rmsprop-notebooks"), as a user's own
 * notebook would, and importing it loads none of the heavy dependencies until a chart or table needs them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as src from "../src/index";
import { ROOT } from "../scripts/lib/pipeline";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string; main: string; types: string; exports: Record<string, { types: string; default: string }>;
};

/** Runs a script in a fresh Node from a folder outside src/, where the package resolves through node_modules. */
function node(script: string): string {
  return execFileSync(process.execPath, ["-e", script], { cwd: join(ROOT, "notebooks"), encoding: "utf8" });
}

test("package.json names the compiled library, and the set-up has built it", () => {
  const entry = pkg.exports["."]!;
  assert.is(entry.default, `./${pkg.main}`);
  assert.is(entry.types, `./${pkg.types}`);
  for (const f of [entry.default, entry.types]) assert.ok(existsSync(join(ROOT, f)), `${f} is missing: run npm run build`);
  const resolved = node(`console.log(require.resolve(${JSON.stringify(pkg.name)}))`).trim();
  assert.is(resolved, join(ROOT, pkg.main));
});

test("the package exports exactly what src/index.ts exports", () => {
  const names = JSON.parse(node(`console.log(JSON.stringify(Object.keys(require(${JSON.stringify(pkg.name)})).sort()))`)) as string[];
  assert.equal(names, Object.keys(src).sort());
});

test("importing the library loads no heavy dependency; the first chart loads Plot and jsdom, a table danfojs", () => {
  const loaded = (): string => `[...new Set(Object.keys(require.cache).filter((k) => k.includes("node_modules"))
    .map((k) => k.split("node_modules/").pop().split("/").slice(0, k.includes("/@") ? 2 : 1).join("/")))]`;
  const heavy = ["@observablehq/plot", "jsdom", "danfojs-node", "@tensorflow/tfjs", "typescript"];
  const report = JSON.parse(node(`
    const rms = require(${JSON.stringify(pkg.name)});
    const atImport = ${loaded()};
    rms.plots.lineChart([{ label: "a", values: [1, 2, 3] }], { title: "t", xLabel: "x", yLabel: "y" });
    const afterChart = ${loaded()};
    rms.show.frameOf([{ a: 1 }]);
    const afterTable = ${loaded()};
    console.log(JSON.stringify({ atImport, afterChart, afterTable }));`)) as Record<string, string[]>;
  assert.equal(report.atImport!.filter((m) => heavy.includes(m)), [], `loaded at import: ${report.atImport}`);
  // Plot is an ES module: require() of it does not appear in require.cache, jsdom does
  assert.ok(report.afterChart!.includes("jsdom"), String(report.afterChart));
  assert.not.ok(report.afterChart!.includes("danfojs-node"), String(report.afterChart));
  assert.ok(report.afterTable!.includes("danfojs-node"), String(report.afterTable));
});

test("a table loads danfojs without mathjs, xlsx or request (the patch); its statistics load mathjs when asked", () => {
  // patches/danfojs-node+1.1.2.patch: danfojs-node required all three at load, 0.8 s and 85 MB before a table showed
  const report = JSON.parse(node(`
    const rms = require(${JSON.stringify(pkg.name)});
    const names = () => Object.keys(require.cache).filter((k) => /node_modules\\/(mathjs|xlsx|request)\\//.test(k))
      .map((k) => k.split("node_modules/").pop().split("/")[0]);
    const frame = rms.show.frameOf([{ a: 1 }, { a: 2 }, { a: 4 }]);
    const afterTable = [...new Set(names())];
    const std = frame["a"].std();
    console.log(JSON.stringify({ afterTable, std, afterStd: [...new Set(names())] }));`)) as
    { afterTable: string[]; std: number; afterStd: string[] };
  assert.equal(report.afterTable, [], "loaded for a table");
  assert.is(report.std, Math.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 2));
  assert.equal(report.afterStd, ["mathjs"]);
});

test("TensorFlow.js is installed once: danfojs-node's tfjs-node is the stand-in that re-exports it", () => {
  // danfojs-node declares @tensorflow/tfjs-node (native binaries); vendor/tfjs-node hands it the pure-JS package
  const tfjs = join(ROOT, "node_modules", "@tensorflow");
  const copies = readdirSync(tfjs).filter((d) => existsSync(join(tfjs, d, "dist", "tf.min.js")));
  assert.equal(copies, ["tfjs"]);
  const standIn = node(`console.log(require.resolve("@tensorflow/tfjs-node",
    { paths: [require.resolve("danfojs-node")] }))`).trim();
  assert.is(standIn, join(ROOT, "vendor", "tfjs-node", "index.js"));
  assert.is(node(`console.log(String(require("@tensorflow/tfjs-node") === require("@tensorflow/tfjs")))`).trim(), "true");
});

test("notebooks/ holds no symbolic link: a clone without symlink support works", () => {
  for (const f of readdirSync(join(ROOT, "notebooks"))) {
    assert.not.ok(lstatSync(join(ROOT, "notebooks", f)).isSymbolicLink(), `notebooks/${f} is a symlink`);
  }
});

test.run();
