/**
 * Deno's Jupyter kernel (`node kernel/install.js --deno`, done by scripts/setup.sh) runs every notebook clean under
 * nbclient, printing what the project's tslab kernel prints, cell by cell; its cells' output all arrives before the
 * cell is reported done (src/notebook/deno.ts); bad input shows the library's ValidationError first.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { jupyterEnv, notebooks, ROOT, venvBin } from "../scripts/lib/pipeline";

interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, string | string[]>; ename?: string; evalue?: string; traceback?: string[] }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[] }
const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");

const out = mkdtempSync(join(tmpdir(), "deno-kernel-"));

/** Run a notebook headless on `kernel` (scripts/execute_notebook.py stops at an error or any stderr); its code cells. */
function execute(notebook: string, kernel: "tslab" | "deno"): Cell[] {
  const file = join(out, `${kernel}-${basename(notebook)}`);
  try {
    execFileSync(venvBin("python"), [join(ROOT, "scripts", "execute_notebook.py"), notebook, file, "--kernel", kernel],
      { stdio: ["ignore", "ignore", "pipe"], env: jupyterEnv() });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? e).split("\n").filter((l) => !/^\s*\[\d+\/\d+\]|unstable/.test(l));
    assert.unreachable(`${basename(notebook)} on ${kernel}: ${stderr.join("\n").trim()}`);
  }
  return (JSON.parse(readFileSync(file, "utf8")) as { cells: Cell[] }).cells.filter((c) => c.cell_type === "code");
}

/** What a rich output shows, engine-independent: each chart's title (its alt text), each table's header and rows. */
function richShape(o: Output): string {
  const html = text(o.data?.["text/html"]);
  if (!html) return `${o.output_type}: ${text(o.data?.["text/plain"]).slice(0, 40)}`;
  const charts = [...html.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => `chart "${m[1]}"`);
  const tables = [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) => {
    const head = [...m[0].matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((h) => h[1]!.replace(/<[^>]+>/g, "")).join(" | ");
    return `table [${head}] × ${(m[0].match(/<tr/g) ?? []).length} rows`;
  });
  return `${o.output_type}: ${[...charts, ...tables].join(", ") || "html"}`;
}

/**
 * A cell's outputs as compared across kernels: its stdout lines, and the rich outputs (charts, tables) in order.
 * The versions line names the runtime, which differs by design (Node and tslab, or Deno).
 */
function shown(cell: Cell): { lines: string[]; rich: string[]; errors: string[] } {
  const outputs = cell.outputs ?? [];
  const lines = outputs.filter((o) => o.output_type === "stream" && o.name === "stdout")
    .flatMap((o) => text(o.text).replace(/\n$/, "").split("\n"))
    .map((l) => (l.startsWith("Versions: ") ? "Versions: …" : l));
  const rich = outputs.filter((o) => o.output_type === "display_data" || o.output_type === "execute_result").map(richShape);
  const errors = outputs.filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"))
    .map((o) => o.ename ? `${o.ename}: ${o.evalue}` : text(o.text));
  return { lines, rich, errors };
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;

/**
 * Whether two printed lines agree: the same text and the same numbers. The kernels' JavaScript engines differ in
 * their Math library: Node 20's V8 (under tslab) and Deno 2.9's V8 give different last bits for about 1 in 10 calls
 * of Math.exp and Math.log, and for `x ** n` (Deno's agree with glibc's, which Python uses, far more often). A number
 * printed with 16 or more significant digits (a float's full form) may then differ by an ulp or two; every rounded
 * number must be the same, except on the lines of ENGINE_SENSITIVE.
 */
function sameLine(tslab: string, deno: string): boolean {
  if (tslab === deno) return true;
  if (tslab.replace(NUMBER, "#") !== deno.replace(NUMBER, "#")) return false;
  const a = tslab.match(NUMBER) ?? [];
  const b = deno.match(NUMBER) ?? [];
  return a.every((x, i) => {
    const y = b[i]!;
    if (x === y) return true;
    const digits = x.replace(/^-|e.*$/g, "").replace(".", "").replace(/^0+/, "").length;
    return digits >= 16 && Math.abs(Number(x) - Number(y)) <= 1e-12 * Math.abs(Number(x));
  });
}

/**
 * Lines whose numbers the engines' last-bit differences (see sameLine) change beyond rounding, by notebook: the
 * beginning of each line. They summarize runs at α 0.1 over 8 weight seeds, where 2000 epochs amplify an ulp into
 * the third decimal, and the summaries drawn from them (7_6 §10.3, §10.9, §10.12). On them the test only requires
 * that Deno prints a line in the same place; each must still be printed on tslab (the list cannot go stale unseen).
 */
const ENGINE_SENSITIVE: Record<string, readonly string[]> = {
  "7_6_rmsprop.ipynb": [
    "Lowest mean of Adam: α", "Each at its best α: Adam", "At α 0.1: RMSProp", "Seed 42 ends lowest of the 8",
    "Width, 96 against 10 units", "Adam at 10 units (§10.3), its best α", "§10.3–10.4, each at its lowest mean:",
    "§10.3–10.4: 15 settings × 8 seeds",
  ],
};

for (const nb of notebooks()) {
  test(`${basename(nb)} runs clean on Deno's kernel, printing tslab's numbers cell by cell`, () => {
    const onTslab = execute(nb, "tslab");
    const onDeno = execute(nb, "deno");
    assert.is(onDeno.length, onTslab.length, "code cells");
    let lines = 0;
    const sensitive = ENGINE_SENSITIVE[basename(nb)] ?? [];
    const seen = new Set<string>();
    const differing: string[] = [];
    onTslab.forEach((cell, i) => {
      const where = `${basename(nb)}, code cell ${i + 1} (${text(cell.source).split("\n")[0]})`;
      const t = shown(cell);
      const d = shown(onDeno[i]!);
      assert.equal(d.errors, [], `${where}: errors on Deno`);
      assert.is(d.lines.length, t.lines.length, `${where}: lines printed on Deno, against tslab's:\n${d.lines.join("\n")}\n---\n${t.lines.join("\n")}`);
      t.lines.forEach((line, j) => {
        const known = sensitive.find((start) => line.startsWith(start));
        if (known !== undefined) {
          seen.add(known);
          if (line !== d.lines[j]) differing.push(`${line}  |  on Deno: ${d.lines[j]}`);
          return;
        }
        assert.ok(sameLine(line, d.lines[j]!), `${where}: tslab printed\n  ${line}\nDeno\n  ${d.lines[j]}`);
      });
      assert.equal(d.rich, t.rich, `${where}: charts and tables shown`);
      lines += t.lines.length;
    });
    assert.ok(lines > 10, `${basename(nb)} printed only ${lines} lines on tslab`);
    assert.equal(sensitive.filter((start) => !seen.has(start)), [], "engine-sensitive lines no longer printed");
    if (differing.length) console.log(`\n  ${basename(nb)}: lines that differ by the engines' Math:\n  ${differing.join("\n  ")}`);
  });
}

/** Cells run by nbclient on Deno's kernel, errors allowed: each cell's outputs. */
function onDeno(cells: readonly string[]): Output[][] {
  const script = `
import json, sys, nbformat
from nbclient import NotebookClient
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in json.loads(sys.argv[1])])
NotebookClient(nb, kernel_name="deno", timeout=120, allow_errors=True, resources={"metadata": {"path": sys.argv[2]}}).execute()
print(json.dumps([c.outputs for c in nb.cells]))`;
  return JSON.parse(execFileSync(venvBin("python"), ["-c", script, JSON.stringify(cells), join(ROOT, "notebooks")],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: jupyterEnv() })) as Output[][];
}

test("on Deno's kernel every line a cell prints arrives with it, and a bad setting shows its ValidationError first", () => {
  const [, many, value, after, bad] = onDeno([
    'import * as rms from "rmsprop-notebooks";',
    "for (let i = 0; i < 300; i++) console.log(`line ${i}`);",
    "console.log(\"before\");\n1 + 2",
    'console.log("next cell");',
    'rms.train.run({ optimizer: "rmsprop", lr: -1, epochs: 10 });',
  ]);
  const stdout = (o: Output[]) => o.filter((x) => x.output_type === "stream").map((x) => text(x.text)).join("");
  assert.is(stdout(many!), Array.from({ length: 300 }, (_, i) => `line ${i}\n`).join(""));
  assert.is(stdout(value!), "before\n");
  assert.equal(value!.filter((o) => o.output_type === "execute_result").map((o) => text(o.data?.["text/plain"])), ["3"]);
  assert.is(stdout(after!), "next cell\n");
  const error = bad!.find((o) => o.output_type === "error");
  assert.ok(error, "no error output for lr: -1");
  assert.is(error!.ename, "ValidationError");
  assert.is(error!.traceback![0], "ValidationError: invalid lr: -1 (expected a finite number > 0)");
});

test.run();
