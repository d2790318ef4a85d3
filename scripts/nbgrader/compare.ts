/**
 * Compare nbgrader's released notebooks with our student copies (scripts/lib/student.ts), cell by cell: type, id
 * and source equal, no outputs. Used by scripts/nbgrader/check.sh.
 *   npx tsx scripts/nbgrader/compare.ts RELEASE_DIR TEACHER.ipynb…
 * Prints one line per notebook; exits 1 on any difference.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { solutionCells, SolutionMarkerError, sourceText, studentNotebook, STUB, type Notebook } from "../lib/student";

const [releaseDir, ...teachers] = process.argv.slice(2);
if (!releaseDir || teachers.length === 0) {
  console.error("usage: tsx scripts/nbgrader/compare.ts RELEASE_DIR TEACHER.ipynb…");
  process.exit(2);
}

let differences = 0;
for (const teacherFile of teachers) {
  const name = basename(teacherFile);
  const teacher = JSON.parse(readFileSync(teacherFile, "utf8")) as Notebook;
  let ours: Notebook;
  try {
    ours = studentNotebook(teacher, name);
  } catch (e) {
    if (!(e instanceof SolutionMarkerError)) throw e;
    differences++;
    console.log(`✗ ${name}: nbgrader accepted it, student.ts refuses it: ${e.message}`);
    continue;
  }
  const theirs = JSON.parse(readFileSync(join(releaseDir, name), "utf8")) as Notebook;
  const problems: string[] = [];
  if (theirs.cells.length !== ours.cells.length) problems.push(`${theirs.cells.length} cells, ours ${ours.cells.length}`);
  ours.cells.forEach((o, i) => {
    const t = theirs.cells[i];
    if (!t) return;
    const where = `cell ${i + 1} (id ${JSON.stringify(o.id)})`;
    if (t.cell_type !== o.cell_type) problems.push(`${where}: nbgrader's is ${t.cell_type}, ours ${o.cell_type}`);
    if (t.id !== o.id) problems.push(`${where}: nbgrader's id is ${JSON.stringify(t.id)}`);
    if (sourceText(t.source) !== sourceText(o.source)) {
      problems.push(`${where}: sources differ\n--- nbgrader\n${sourceText(t.source)}\n--- ours\n${sourceText(o.source)}`);
    }
    if (t.cell_type === "code" && ((t.outputs ?? []).length > 0 || t.execution_count != null)) problems.push(`${where}: nbgrader kept outputs`);
  });
  const solutions = solutionCells(teacher, name);
  const blocks = [...solutions.values()].reduce((a, b) => a + b, 0);
  const stubs = theirs.cells.filter((c) => c.cell_type === "code" && sourceText(c.source).includes(STUB)).length;
  if (problems.length > 0) {
    differences += problems.length;
    console.log(`✗ ${name}: ${problems.length} difference(s) from nbgrader's release:\n  ${problems.join("\n  ")}`);
  } else {
    console.log(`✓ ${name}: ${ours.cells.length} cells equal to nbgrader's release (${blocks} solution blocks in ` +
      `${solutions.size} code cells, stubbed in ${stubs} cells)`);
  }
}
process.exit(differences > 0 ? 1 : 0);
