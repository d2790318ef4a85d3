/**
 * The notebook → executed notebook → HTML handout pipeline, shared by `npm run handouts` and the tests.
 * Needs the set-up done by scripts/setup.sh: npm dependencies, and the project virtualenv .venv with nbclient,
 * nbconvert 7 and the project's kernel.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { makeSelfContained } from "./self-contained";
import { notebookJson, studentNotebook, type Notebook } from "./student";

export const ROOT = join(__dirname, "..", "..");

/** A program of the project virtualenv (python, jupyter, …), or a clear error when the set-up has not run. */
export function venvBin(name: string): string {
  const path = join(ROOT, ".venv", "bin", name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run bash scripts/setup.sh first`);
  return path;
}

/**
 * Environment for Jupyter and the kernels it starts: no colour variables (with both NO_COLOR and FORCE_COLOR set,
 * Node prints a warning on the kernel's stderr, which a notebook would show).
 */
export function jupyterEnv(): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  return env;
}

export interface HandoutFiles {
  readonly executed: string;
  readonly html: string;
  readonly noInput: string;
  readonly formulas: number;
}

/** Execute one notebook on tslab (throws naming the cell on any error), then write both HTML handouts. */
export function buildHandout(notebook: string, outDir: string): HandoutFiles {
  const name = basename(notebook, ".ipynb");
  const nbDir = join(outDir, "notebooks");
  const htmlDir = join(outDir, "handouts");
  mkdirSync(nbDir, { recursive: true });
  mkdirSync(htmlDir, { recursive: true });
  const executed = join(nbDir, `${name}.ipynb`);
  const env = jupyterEnv();
  execFileSync(venvBin("python"), [join(ROOT, "scripts", "execute_notebook.py"), notebook, executed], { stdio: ["ignore", "inherit", "inherit"], env });
  let formulas = 0;
  const convert = (suffix: string, extra: string[]) => {
    const out = `${name}${suffix}`;
    execFileSync(venvBin("jupyter"), ["nbconvert", "--log-level=WARN", "--to", "html", ...extra, "--output-dir", htmlDir, "--output", out, executed], { stdio: ["ignore", "inherit", "inherit"], env });
    const file = join(htmlDir, `${out}.html`);
    const r = makeSelfContained(readFileSync(file, "utf8"));
    if (r.errors.length > 0) throw new Error(`${file}: TeX that does not render: ${r.errors.join("; ")}`);
    writeFileSync(file, r.html);
    formulas = r.formulas;
    return file;
  };
  const html = convert("", []);
  const noInput = convert(".no-input", ["--no-input"]);
  return { executed, html, noInput, formulas };
}

/**
 * Write the learner's copy of a teacher's notebook to OUTDIR/student/NAME.ipynb: each solution block replaced by a
 * stub that throws "not written yet", outputs cleared (see student.ts). Throws naming the notebook and the cell on a
 * bad solution marker, or when the copy is not a valid stripped nbformat 4.5 notebook.
 */
export function writeStudentNotebook(notebook: string, outDir: string): string {
  const dir = join(outDir, "student");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, basename(notebook));
  const teacher = JSON.parse(readFileSync(notebook, "utf8")) as Notebook;
  writeFileSync(file, notebookJson(studentNotebook(teacher, basename(notebook))));
  const problems = checkCommittedNotebook(file);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join("; ")}`);
  return file;
}

/** The notebooks of the series, in order. */
export function notebooks(): string[] {
  const dir = join(ROOT, "notebooks");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => join(dir, f));
}

/** Validate a notebook file with nbformat; returns problems (empty when valid and stripped of outputs). */
export function checkCommittedNotebook(path: string): string[] {
  const script = String.raw`
import sys, json, re, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
problems = []
try:
    nbformat.validate(nb)
except Exception as e:
    problems.append("invalid nbformat 4: " + str(e).splitlines()[0])
if nb.nbformat != 4: problems.append("nbformat %s, not 4" % nb.nbformat)
if nb.metadata.get("kernelspec", {}).get("name") != "tslab": problems.append("kernelspec is not tslab")
# nbformat.read gives a cell without an id a random one; the file itself must have them (nbformat 4.5)
for i, c in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))["cells"]):
    if "id" not in c: problems.append("cell %d has no id (nbformat 4.5 needs one)" % (i + 1))
for i, c in enumerate(nb.cells):
    if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None):
        problems.append("cell %d is committed with outputs (run: npm run strip)" % (i + 1))
    if c.cell_type == "code" and re.search(r"""from\s+["']\.{1,2}/""", c.source):
        problems.append("cell %d imports a local path: import the library by name, from \"rmsprop-notebooks\"" % (i + 1))
print(json.dumps(problems))
`;
  return JSON.parse(execFileSync(venvBin("python"), ["-c", script, path], { encoding: "utf8" })) as string[];
}

if (require.main === module) {
  const out = join(ROOT, "build");
  const written: string[] = [];
  // the student copies first: a bad solution marker stops the run before a minute of execution
  for (const nb of notebooks()) written.push(writeStudentNotebook(nb, out));
  console.log(`[handouts] student copies written (solutions replaced by stubs)`);
  for (const nb of notebooks()) {
    console.log(`[handouts] ${basename(nb)}: executing on the tslab kernel…`);
    const f = buildHandout(nb, out);
    console.log(`[handouts] ${basename(nb)}: HTML written (${f.formulas} formulas pre-rendered)`);
    written.push(f.executed, f.html, f.noInput);
  }
  console.log("[handouts] done:");
  for (const f of written) console.log(`  ${f}`);
}
