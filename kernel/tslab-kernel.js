#!/usr/bin/env node
// @ts-check
/**
 * The project's Jupyter kernel: tslab 1.0.22 with this project's changes to its source, in
 * patches/tslab+1.0.22.patch (applied by `npm install` / `npm ci`, through patch-package):
 * failing cells are Jupyter errors, a cell's last value is its `Out[n]` (rich through `Symbol.for("Jupyter.display")`),
 * execution counts are announced, a failure aborts only what was queued before it, `history_request` is answered,
 * sends never jam, and cells see only Node's global types. This file only starts it, from the kernel's start-up
 * snapshot when there is one (kernel/snapshot.js hands over the TypeScript and declaration files parsed there), with
 * its store of compiled cells (kernel/cell-cache.js; `RMSPROP_CELL_CACHE=off` for none).
 *
 * Started by the kernelspec that kernel/install.js writes:
 *   node FLAGS --snapshot-blob BLOB -- tslab-kernel.js --config-path CONNECTION_FILE   (from the snapshot)
 *   node FLAGS tslab-kernel.js --config-path CONNECTION_FILE                           (without one)
 * `--check` instead of `--config-path …` prints what the TypeScript the kernel would use holds, and exits.
 */
"use strict";

/**
 * @param {string[]} args the kernel's command line: `--config-path CONNECTION_FILE` starts the kernel, `--check`
 *   prints one JSON line about the TypeScript it would use (from a snapshot or not, how many parsed files, which
 *   ones are stale) and exits
 * @param {import("./snapshot").Snapshot} [snapshot] what kernel/snapshot.js restored
 */
function main(args, snapshot) {
  if (snapshot) require("./typescript").handOver(snapshot); // before tslab loads TypeScript
  if (args.includes("--check")) {
    const { unchanged } = require("./typescript");
    const typescript = require("tslab/dist/typescript");
    const files = snapshot ? [...snapshot.files.entries()] : [];
    const stale = files.filter(([f, p]) => !unchanged(f, p));
    console.log(JSON.stringify({ snapshot: Boolean(snapshot), typescript: typescript.typescript().version, parsed: files.length,
      stale: stale.map(([f]) => f), fromSnapshot: Boolean(snapshot) && /** @type {unknown} */ (typescript.typescript()) === snapshot?.ts }));
    return;
  }
  const i = args.indexOf("--config-path");
  const configPath = i >= 0 ? args[i + 1] : undefined;
  if (!configPath) {
    console.error("usage: node tslab-kernel.js --config-path CONNECTION_FILE | --check");
    process.exit(2);
  }
  // compiled cells kept between sessions (kernel/cell-cache.js)
  const cells = require("./cell-cache");
  const store = cells.storeDir(process.env);
  if (store) require("tslab/dist/converter").useCellCache(cells.openCellCache(store));
  // this clone's tslab (enableFindLocal would look for another from the notebook's folder up)
  require("tslab/dist/main").startKernel({ configPath, enableFindLocal: false });
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { main };
