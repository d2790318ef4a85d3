import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Version of an installed npm package, read from its package.json. */
function packageVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) return "unknown";
    dir = up;
  }
}

/** What the original's `NumPy version:` line becomes here: the runtime and the libraries doing the work. */
export function versionsLine(): string {
  const libs = ["typescript", "@observablehq/plot", "jsdom", "danfojs-node", "tslab"].map((n) => `${n} ${packageVersion(n)}`);
  return `Node ${process.version} · ${libs.join(" · ")}`;
}
