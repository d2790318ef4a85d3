/**
 * The machinery of test/student.test.ts on the real notebooks: find a notebook's "## Exercises" section, and run its
 * student copy on tslab with scripts/execute_notebook.py, clean up to the exercises, each cell that may reach a stub
 * wrapped so that it reports what it threw instead of stopping the run.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import * as assert from "uvu/assert";
import { jupyterEnv, ROOT, venvBin, writeStudentNotebook } from "../scripts/lib/pipeline";
import { notebookJson, solutionCells, sourceText, type Notebook } from "../scripts/lib/student";
import { declared } from "./cells";

export const EXERCISES = /^##\s+Exercises\b/;
/** an exercise's title: "### 1. …", "#### Exercise 2: …", "**3. …**" */
const EXERCISE_TITLE = /^(?:#{3,4}\s+|\*\*)(?:Exercise\s+)?(\d+)[.:)]/gim;
export const CHECK = /\brms\.exercises\.check\w*\(/;

export interface Section {
  /** index of the "## Exercises" cell, and one past the section's last cell */
  readonly start: number;
  readonly end: number;
  /** the exercises' numbers, in order */
  readonly numbers: number[];
  /** cell index → the number of the exercise it belongs to */
  readonly exerciseOf: Map<number, number>;
}

export function exercisesSection(nb: Notebook): Section | undefined {
  const start = nb.cells.findIndex((c) => c.cell_type === "markdown" && EXERCISES.test(sourceText(c.source)));
  if (start < 0) return undefined;
  let end = nb.cells.length;
  const numbers: number[] = [];
  const exerciseOf = new Map<number, number>();
  for (let i = start; i < nb.cells.length; i++) {
    const text = sourceText(nb.cells[i]!.source);
    if (nb.cells[i]!.cell_type === "markdown") {
      if (i > start && /^#{1,2}\s/m.test(text)) {
        end = i;
        break;
      }
      for (const m of text.matchAll(EXERCISE_TITLE)) numbers.push(Number(m[1]));
    }
    if (numbers.length > 0) exerciseOf.set(i, numbers[numbers.length - 1]!);
  }
  return { start, end, numbers, exerciseOf };
}

/** What a wrapped cell of the run copy reports (one line on stdout). */
const TAG = "@student-cell ";
interface Outcome { cell: number; threw: boolean; name?: string; message?: string }

/**
 * The cells after "## Exercises" that may reach a stub (a check, or a cell that uses a name a solution cell
 * declares), wrapped so that each reports whether it threw, and what, instead of stopping the run.
 */
function wrap(source: string, index: number): string {
  const body = source.replace(/\s+$/, "").split("\n").map((l) => `    ${l}`).join("\n");
  return `{
  const report__ = (threw: boolean, e?: unknown) => console.log(${JSON.stringify(TAG)} + JSON.stringify({ cell: ${index + 1}, threw,
    name: e instanceof Error ? e.name : undefined, message: e instanceof Error ? e.message : e === undefined ? undefined : String(e) }));
  try {
${body}
    report__(false);
  } catch (e) {
    report__(true, e);
  }
}`;
}

/**
 * Run the student copy of `teacherFile` (written to OUTDIR/student/) on tslab: the cells before "## Exercises" and
 * the cells that hold stubs must run clean; each check (a cell calling rms.check…) must throw an ExerciseError that
 * says the answer is not written yet; any other cell that uses a stubbed function may throw only the stub's error.
 * `runDir` must be inside the project (the kernel imports the library from node_modules). Returns a summary line.
 */
export function checkStudentCopy(teacherFile: string, runDir: string): string {
  const name = basename(teacherFile);
  const teacher = JSON.parse(readFileSync(teacherFile, "utf8")) as Notebook;
  const section = exercisesSection(teacher);
  assert.ok(section, `${name} has no "## Exercises" section`);
  const copy = writeStudentNotebook(teacherFile, runDir);
  const student = JSON.parse(readFileSync(copy, "utf8")) as Notebook;
  const learner = [...solutionCells(teacher, name).keys()];
  assert.ok(learner.length > 0, "no solution blocks");
  const stubbed = new Set(learner);
  const names = learner.flatMap((i) => declared(sourceText(student.cells[i]!.source)));
  const uses = (text: string) => names.some((n) => new RegExp(`\\b${n.replace(/\$/g, "\\$")}\\b`).test(text));
  const wrapped: number[] = [];
  for (let i = section!.start; i < section!.end; i++) {
    const c = student.cells[i]!;
    const text = sourceText(c.source);
    if (c.cell_type !== "code" || stubbed.has(i) || !(CHECK.test(text) || uses(text))) continue;
    // a wrapped cell's declarations stay in its block: no later cell may need them
    for (const d of declared(text)) {
      const later = student.cells.findIndex((l, j) => j > i && l.cell_type === "code" && new RegExp(`\\b${d}\\b`).test(sourceText(l.source)));
      assert.is(later, -1, `cell ${i + 1} may throw "not written yet" and declares ${d}, which cell ${later + 1} uses`);
    }
    c.source = wrap(text, i);
    wrapped.push(i);
  }
  const checks = wrapped.filter((i) => CHECK.test(sourceText(teacher.cells[i]!.source)));
  assert.ok(checks.length >= 2, `${checks.length} check cells`);
  const run = join(runDir, `run-${name}`);
  writeFileSync(run, notebookJson(student));
  const executed = join(runDir, "executed", name);
  try {
    execFileSync(venvBin("python"), [join(ROOT, "scripts", "execute_notebook.py"), run, executed], { stdio: ["ignore", "ignore", "pipe"], env: jupyterEnv() });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? e);
    assert.unreachable(`the student copy does not run (cells ${section!.start + 2}… are the exercises, cells ${learner.map((i) => i + 1).join(", ")} hold stubs):\n${stderr.slice(stderr.indexOf("ERROR"))}`);
  }
  const cells = (JSON.parse(readFileSync(executed, "utf8")) as Notebook).cells;
  const reported = new Map<number, Outcome>();
  for (const i of wrapped) {
    const text = (cells[i]!.outputs ?? []).map((o) => sourceText((o as { text?: string | string[] }).text ?? "")).join("");
    const line = text.split("\n").find((l) => l.startsWith(TAG));
    assert.ok(line, `cell ${i + 1} reported nothing`);
    reported.set(i, JSON.parse(line!.slice(TAG.length)) as Outcome);
  }
  for (const i of wrapped) {
    const o = reported.get(i)!;
    if (checks.includes(i)) {
      assert.ok(o.threw, `the check in cell ${i + 1} passed on the stub`);
      assert.is(o.name, "ExerciseError", `cell ${i + 1}: ${o.name}: ${o.message}`);
      assert.match(o.message!, /^❌ [\s\S]*not written yet/, `cell ${i + 1}'s check does not say the answer is not written yet`);
      assert.match(o.message!, /Hint: \S/, `cell ${i + 1}'s check gives no hint on the stub: ${o.message}`);
    } else if (o.threw) {
      assert.match(o.message!, /not written yet/, `cell ${i + 1} fails on something other than a stub: ${o.name}: ${o.message}`);
    }
  }
  return `${name}: ${checks.length} checks fail on their stubs; cells ${learner.map((i) => i + 1).join(", ")} hold stubs`;
}
