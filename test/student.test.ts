/**
 * The learner's copies (scripts/lib/student.ts, written by `npm run handouts` to build/student/): the stubbing on
 * small notebooks made here, then on the real ones: each has its exercises, and its student copy runs on tslab clean
 * up to "## Exercises", where each check fails on its stub with the stub's message.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkCommittedNotebook, notebooks, ROOT, writeStudentNotebook } from "../scripts/lib/pipeline";
import {
  notebookJson, solutionCells, SolutionMarkerError, sourceText, STUB, studentNotebook, stubSolutions, type Cell, type Notebook,
} from "../scripts/lib/student";
import { CHECK, checkStudentCopy, exercisesSection } from "./student-run";

/** Scratch space inside the project (the kernel imports the library from its node_modules), removed at the end. */
mkdirSync(join(ROOT, "build"), { recursive: true });
const scratch = mkdtempSync(join(ROOT, "build", "student-test-"));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

const code = (id: string, source: string | string[], extra: Partial<Cell> = {}): Cell =>
  ({ cell_type: "code", execution_count: null, id, metadata: {}, outputs: [], source, ...extra });
const markdown = (id: string, source: string): Cell => ({ cell_type: "markdown", id, metadata: {}, source });
const notebook = (...cells: Cell[]): Notebook => ({
  cells, metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } }, nbformat: 4, nbformat_minor: 5,
});
/** nbformat's list form: every line keeps its "\n" but the last */
const lines = (text: string) => text.split(/(?<=\n)/);

const answer = [
  "/** The largest stable α. */",
  "function divergingLr(): number {",
  "  // BEGIN SOLUTION",
  "  const a = 0.25;",
  "  return 2 * a;",
  "  // END SOLUTION",
  "}",
].join("\n");

test("a solution block, markers included, becomes one stub line at the BEGIN line's indentation", () => {
  assert.equal(stubSolutions(answer), {
    source: ["/** The largest stable α. */", "function divergingLr(): number {", `  ${STUB}`, "}"].join("\n"),
    blocks: 1,
  });
  assert.is(STUB, 'throw new Error("not written yet");');
  // the indentation is the BEGIN line's (tabs too), whatever the END line's and the solution's
  const deep = "class A {\n    f(): number {\n\t\t// BEGIN SOLUTION\n  return 1;\n        // END SOLUTION\n    }\n}";
  assert.is(stubSolutions(deep).source, `class A {\n    f(): number {\n\t\t${STUB}\n    }\n}`);
  // a cell without markers is left as it is
  assert.equal(stubSolutions("const x = 1;\n"), { source: "const x = 1;\n", blocks: 0 });
});

test("several blocks in one cell are each replaced, and the code between them is kept", () => {
  const two = `${answer}\n\nfunction other(): string {\n    // BEGIN SOLUTION\n    return "b";\n    // END SOLUTION\n}\nconsole.log("kept");\n`;
  const { source, blocks } = stubSolutions(two);
  assert.is(blocks, 2);
  assert.is(source, `/** The largest stable α. */\nfunction divergingLr(): number {\n  ${STUB}\n}\n\nfunction other(): string {\n    ${STUB}\n}\nconsole.log("kept");\n`);
});

test("studentNotebook: stubs code cells, clears outputs, keeps ids, metadata and the source's form; the input is unchanged", () => {
  const teacher = notebook(
    markdown("intro", "## Exercises\n\n**1.** Find α."),
    code("answer", lines(answer), { metadata: { tags: ["exercise"] }, execution_count: 3, outputs: [{ output_type: "stream", name: "stdout", text: "x" }] }),
    code("check", "rms.exercises.checkValue(() => divergingLr(), 0.5, { about: \"α\" });", { execution_count: 4 }),
  );
  const before = JSON.stringify(teacher);
  const student = studentNotebook(teacher, "t.ipynb");
  assert.is(JSON.stringify(teacher), before, "the teacher's notebook was changed");
  assert.equal(student.cells.map((c) => c.id), ["intro", "answer", "check"]);
  assert.equal(student.cells[1]!.source, ["/** The largest stable α. */\n", "function divergingLr(): number {\n", `  ${STUB}\n`, "}"]);
  assert.equal(student.cells[1]!.metadata, { tags: ["exercise"] });
  assert.is(student.cells[2]!.source, teacher.cells[2]!.source);
  for (const c of student.cells.slice(1)) assert.equal([c.outputs, c.execution_count], [[], null]);
  assert.equal(student.cells[0], teacher.cells[0]);
  assert.equal([student.metadata, student.nbformat, student.nbformat_minor], [teacher.metadata, 4, 5]);
  assert.equal(solutionCells(teacher, "t.ipynb"), new Map([[1, 1]]));
  assert.equal(solutionCells(student, "t.ipynb"), new Map());
});

/** The SolutionMarkerError studentNotebook throws for this cell, as the cell 2 of "bad.ipynb". */
function markerError(cell: Cell): string {
  try {
    studentNotebook(notebook(markdown("m", "# Title"), cell), "bad.ipynb");
  } catch (e) {
    assert.instance(e, SolutionMarkerError);
    return (e as Error).message;
  }
  assert.unreachable("studentNotebook accepted the cell");
  return "";
}

test("unbalanced or misplaced markers are an error naming the notebook, the cell and the line", () => {
  const noEnd = markerError(code("ex1", "function f(): number {\n  // BEGIN SOLUTION\n  return 1;\n}"));
  assert.is(noEnd, 'bad.ipynb, cell 2 (id "ex1", code cell starting `function f(): number {`): line 2: "// BEGIN SOLUTION" with no "// END SOLUTION" after it');
  assert.match(markerError(code("ex2", "  return 1;\n  // END SOLUTION")), /^bad\.ipynb, cell 2 \(id "ex2", code cell .*: line 2: "\/\/ END SOLUTION" with no "\/\/ BEGIN SOLUTION" before it$/);
  assert.match(markerError(code("ex3", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION")),
    /cell 2 \(id "ex3".*: line 2: "\/\/ BEGIN SOLUTION" inside the block opened on line 1 \(blocks cannot nest\)$/);
  // a marker that shares its line with code would take the code with it: refused, as are other spellings
  assert.match(markerError(code("ex4", "function f(): number { // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}")),
    /cell 2 \(id "ex4".*: line 1 "function f\(\): number \{ \/\/ BEGIN SOLUTION": write the marker as "\/\/ BEGIN SOLUTION" or "\/\/ END SOLUTION", alone on its line$/);
  for (const spelling of ["# BEGIN SOLUTION", "//BEGIN SOLUTION", "/// BEGIN SOLUTION", "/* BEGIN SOLUTION */"]) {
    assert.match(markerError(code("ex5", `${spelling}\nreturn 1;\n// END SOLUTION`)), /alone on its line$/, spelling);
  }
  // nbgrader reads markdown cells too: a marker there would become "YOUR ANSWER HERE"
  assert.match(markerError(markdown("md", "Answers sit between\n`// BEGIN SOLUTION` and `// END SOLUTION`.")),
    /^bad\.ipynb, cell 2 \(id "md", markdown cell starting `Answers sit between`\): line 2 holds a solution marker outside a code cell/);
  // prose may name them without the comment mark
  assert.is(studentNotebook(notebook(markdown("md", "between BEGIN SOLUTION and END SOLUTION")), "ok.ipynb").cells.length, 1);
});

test("a real notebook's copy: unchanged up to its exercises, a stub in place of a solution, valid nbformat 4.5", () => {
  const all = notebooks();
  // the first notebook up to its exercises, and one exercise: its copy passes nbformat's validation
  const out = join(scratch, "copy");
  mkdirSync(out, { recursive: true });
  const teacher = JSON.parse(readFileSync(all[0]!, "utf8")) as Notebook;
  const before = exercisesSection(teacher)?.start ?? -1;
  if (before >= 0) teacher.cells.length = before;
  // no solution up there: the copy is the notebook as committed (stripped)
  assert.equal(studentNotebook(teacher, basename(all[0]!)), teacher);
  teacher.cells.push(markdown("ex-synthetic", "## Exercises"), code("ex-synthetic-answer", lines(answer)));
  const source = join(out, "with-solution.ipynb");
  writeFileSync(source, notebookJson(teacher));
  const copy = writeStudentNotebook(source, out);
  assert.is(copy, join(out, "student", "with-solution.ipynb"));
  assert.equal(checkCommittedNotebook(copy), []);
  const written = JSON.parse(readFileSync(copy, "utf8")) as Notebook;
  assert.equal(written, studentNotebook(teacher, "with-solution.ipynb"));
  assert.is(sourceText(written.cells.at(-1)!.source), `/** The largest stable α. */\nfunction divergingLr(): number {\n  ${STUB}\n}`);
});

// ---------------------------------------------------------------------------------------------------------------
// The real notebooks

const all = notebooks();
const teachers = new Map(all.map((p) => [p, JSON.parse(readFileSync(p, "utf8")) as Notebook]));

// Expected to fail until every notebook has its "## Exercises" section.
for (const [file, nb] of teachers) {
  const name = basename(file);
  test(`${name} ends with 4–6 exercises, at least half with a check cell, and solutions to stub`, () => {
    const section = exercisesSection(nb);
    assert.ok(section, `${name} has no "## Exercises" section`);
    const { start, end, numbers, exerciseOf } = section!;
    assert.ok(numbers.length >= 4 && numbers.length <= 6, `${numbers.length} exercises (${numbers.join(", ")}); expected 4 to 6`);
    assert.equal(numbers, numbers.map((_n, i) => i + 1), "exercises are not numbered 1, 2, 3, …");
    const checked = new Set<number>();
    for (let i = start; i < end; i++) {
      const c = nb.cells[i]!;
      if (c.cell_type === "code" && CHECK.test(sourceText(c.source)) && exerciseOf.has(i)) checked.add(exerciseOf.get(i)!);
    }
    assert.ok(checked.size * 2 >= numbers.length, `only exercises ${[...checked].join(", ") || "none"} have a check cell`);
    const solutions = [...solutionCells(nb, name).keys()];
    assert.ok(solutions.length >= checked.size, `${solutions.length} cells with a solution block`);
    // each checked exercise has a solution in a cell above its check
    for (const n of checked) {
      const firstCheck = [...exerciseOf].find(([i, e]) => e === n && CHECK.test(sourceText(nb.cells[i]!.source)))![0];
      assert.ok(solutions.some((i) => exerciseOf.get(i) === n && i < firstCheck), `exercise ${n}: no solution above its check`);
    }
  });
}

const runDir = join(scratch, "run");
for (const [file, teacher] of teachers) {
  if (!exercisesSection(teacher)) continue; // reported above
  test(`${basename(file)}: its student copy runs on tslab clean up to the exercises, and each check fails on its stub`, () => {
    console.log(`  (${checkStudentCopy(file, runDir)})`);
  });
}

test.run();
