/**
 * The code a learner reads in a notebook, run here as it runs in the kernel: the cells that declare the given names
 * (and the cells they need, in notebook order) are compiled from TypeScript and evaluated with the library bound to
 * `rms`. A test can edit a cell's source first, as a learner would.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import * as rms from "../src/index";

export const NOTEBOOKS = join(__dirname, "..", "notebooks");

interface Cell { cell_type: string; source: string | string[]; id?: string; metadata?: { tags?: string[] } }
const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

/** The code cells of a notebook in `notebooks/`, as text. */
export function codeCells(notebook: string): string[] {
  const nb = JSON.parse(readFileSync(join(NOTEBOOKS, notebook), "utf8")) as { cells: Cell[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));
}

/** The names a cell declares at its top level (function, const, let, class). */
export function declared(source: string): string[] {
  return [...source.matchAll(/^(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
}

/** The cell of `notebook` that declares `name`: its source, or an error saying the notebook lost it. */
export function cellDeclaring(notebook: string, name: string): string {
  const found = codeCells(notebook).filter((c) => declared(c).includes(name));
  if (found.length !== 1) throw new Error(`${notebook}: ${found.length} cells declare ${name} (expected 1)`);
  return found[0]!;
}

/**
 * Evaluate the cells that declare `names` (each cell once, in notebook order, after `edit`), with `rms` and
 * whatever `scope` provides, and return what they declare. Cells that only display things are not run.
 */
export function runCells(
  notebook: string, names: readonly string[], options: { edit?: (source: string) => string; scope?: Record<string, unknown> } = {},
): Record<string, any> {
  const cells = codeCells(notebook).filter((c) => declared(c).some((d) => names.includes(d)));
  const missing = names.filter((n) => !cells.some((c) => declared(c).includes(n)));
  if (missing.length > 0) throw new Error(`${notebook}: no cell declares ${missing.join(", ")}`);
  const source = cells.map((c) => (options.edit ? options.edit(c) : c)).join("\n");
  const { code } = transformSync(source, { loader: "ts", format: "cjs" });
  const all = [...new Set(cells.flatMap(declared))];
  const scope = { rms, ...options.scope };
  const body = `${code}\nreturn { ${all.join(", ")} };`;
  return new Function(...Object.keys(scope), body)(...Object.values(scope)) as Record<string, any>;
}

/** Run `f` with console.log captured: what it returns and the lines it printed. */
export function captured<T>(f: () => T): { value: T; printed: string[] } {
  const log = console.log;
  const printed: string[] = [];
  console.log = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
  try {
    return { value: f(), printed };
  } finally {
    console.log = log;
  }
}

/** Run `f` without letting it print (the cells' ✅ lines), and return what it returns. */
export const quiet = <T>(f: () => T): T => captured(f).value;
