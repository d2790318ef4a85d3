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

/** Deno's versions when this runs on Deno (its kernel, or `deno run`); undefined on Node. */
function denoVersion(): { deno: string; typescript: string } | undefined {
  return (globalThis as { Deno?: { version?: { deno: string; typescript: string } } }).Deno?.version;
}

/**
 * What the original's `NumPy version:` line becomes here: the runtime and the libraries doing the work. On Deno's
 * kernel the runtime is Deno with its own TypeScript, and tslab is not involved.
 */
export function versionsLine(): string {
  const deno = denoVersion();
  const names = ["typescript", "@observablehq/plot", "jsdom", "danfojs-node", "tslab"]
    .filter((n) => !deno || (n !== "typescript" && n !== "tslab"));
  const libs = names.map((n) => `${n} ${packageVersion(n)}`);
  const runtime = deno ? `Deno ${deno.deno} · TypeScript ${deno.typescript}` : `Node ${process.version}`;
  return `${runtime} · ${libs.join(" · ")}`;
}
