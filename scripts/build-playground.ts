/**
 * Bundle the playground for the browser with esbuild: src/playground/worker.ts (the library's training code) into
 * a string, then src/playground/page.ts (controls, Observable Plot charts) with that string inside, into one
 * self-contained script, dist/browser/playground.js, that `showPlayground` puts in a notebook output. Nothing is
 * copied or rewritten for the browser: these are the modules the notebooks import.
 *   tsx scripts/build-playground.ts        (npm run build runs it)
 *   tsx scripts/build-playground.ts OUT    (elsewhere, e.g. to try a change without touching dist/)
 */
import { buildSync, type BuildOptions } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = join(__dirname, "..");
const OUT = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, "dist", "browser", "playground.js");
const common: BuildOptions = {
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  // Node-only modules the charts load when no document is given; the playground always passes the page's
  external: ["jsdom", "danfojs-node"],
  write: false,
  logLevel: "error",
};

const worker = buildSync({ ...common, entryPoints: [join(ROOT, "src", "playground", "worker.ts")] });
const workerSource = worker.outputFiles![0]!.text;
const page = buildSync({
  ...common,
  entryPoints: [join(ROOT, "src", "playground", "page.ts")],
  define: { __RMS_PLAYGROUND_WORKER__: JSON.stringify(workerSource) },
});
const text = page.outputFiles![0]!.text;
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);
console.log(`[playground] ${relative(ROOT, OUT)}: ${(text.length / 1024).toFixed(0)} KB (worker ${(workerSource.length / 1024).toFixed(0)} KB)`);
