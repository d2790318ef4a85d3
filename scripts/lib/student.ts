/**
 * The learner's copy of a teacher's notebook. In the teacher's notebook each solution sits in a code cell between a
 * line `// BEGIN SOLUTION` and a line `// END SOLUTION` (nbgrader's markers), inside a function body with a declared
 * return type. The student copy replaces each such block, both marker lines included, by one line
 * `throw new Error("not written yet");` at the BEGIN line's indentation, as nbgrader's ClearSolutions does with
 * scripts/nbgrader/nbgrader_config.py; it clears every output and keeps the cell ids and everything else.
 *
 * Stricter than nbgrader, so that a solution never leaks and nbgrader, where it is used, gives the same copy: in a
 * code cell, a line that mentions BEGIN SOLUTION or END SOLUTION must be exactly one marker on a line of its own
 * (after indentation); blocks may not nest, and each BEGIN needs its END. A markdown or raw cell may not contain the
 * markers (nbgrader would replace such a line by "YOUR ANSWER HERE"). Anything else is an error naming the notebook
 * and the cell.
 */

export const BEGIN = "// BEGIN SOLUTION";
export const END = "// END SOLUTION";
export const STUB = 'throw new Error("not written yet");';

export interface Cell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** A solution marker that cannot be turned into a stub; the message names the notebook, the cell and the line. */
export class SolutionMarkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SolutionMarkerError";
  }
}

export const sourceText = (s: string | string[]): string => (Array.isArray(s) ? s.join("") : s);

/** nbformat's list form of a source: every line keeps its "\n" but the last. */
function sourceLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** The result of stubbing one cell's source. */
export interface Stubbed {
  readonly source: string;
  /** how many solution blocks were replaced */
  readonly blocks: number;
}

/**
 * Replace each solution block of one code cell's source by the stub. Throws a plain Error (without the cell's name:
 * studentNotebook adds it) on a marker that is not alone on its line, a nested BEGIN, an END without BEGIN, or a
 * BEGIN without END.
 */
export function stubSolutions(source: string): Stubbed {
  const out: string[] = [];
  let open: number | undefined;
  let blocks = 0;
  source.split("\n").forEach((line, i) => {
    const n = i + 1;
    const begins = line.includes("BEGIN SOLUTION");
    const ends = line.includes("END SOLUTION");
    if (!begins && !ends) {
      if (open === undefined) out.push(line);
      return;
    }
    const marker = line.trim();
    if (marker !== BEGIN && marker !== END) {
      throw new Error(`line ${n} ${JSON.stringify(line.trim())}: write the marker as "${BEGIN}" or "${END}", alone on its line`);
    }
    if (marker === BEGIN) {
      if (open !== undefined) throw new Error(`line ${n}: "${BEGIN}" inside the block opened on line ${open} (blocks cannot nest)`);
      open = n;
      blocks++;
      out.push(`${/^\s*/.exec(line)![0]}${STUB}`);
    } else {
      if (open === undefined) throw new Error(`line ${n}: "${END}" with no "${BEGIN}" before it`);
      open = undefined;
    }
  });
  if (open !== undefined) throw new Error(`line ${open}: "${BEGIN}" with no "${END}" after it`);
  return { source: out.join("\n"), blocks };
}

/** "cell 12 (id "ex1", code cell starting `function f(): number {`)", as scripts/execute_notebook.py names cells. */
function cellName(cell: Cell, index: number): string {
  const first = sourceText(cell.source).trim().split("\n")[0] ?? "";
  const id = cell.id === undefined ? "" : `id ${JSON.stringify(cell.id)}, `;
  return `cell ${index + 1} (${id}${cell.cell_type} cell starting \`${first}\`)`;
}

/** Stub one cell's solution blocks; errors name the notebook and the cell. Markdown and raw cells may hold none. */
function stubCell(cell: Cell, index: number, name: string): Stubbed {
  const text = sourceText(cell.source);
  if (cell.cell_type !== "code") {
    const line = text.split("\n").findIndex((l) => l.includes(BEGIN) || l.includes(END));
    if (line >= 0) {
      throw new SolutionMarkerError(`${name}, ${cellName(cell, index)}: line ${line + 1} holds a solution marker ` +
        `outside a code cell; nbgrader would take the line for one (and replace the text by "YOUR ANSWER HERE", or ` +
        `refuse the notebook). Solutions go in code cells; in prose, name the markers without "//" (BEGIN SOLUTION)`);
    }
    return { source: text, blocks: 0 };
  }
  try {
    return stubSolutions(text);
  } catch (e) {
    throw new SolutionMarkerError(`${name}, ${cellName(cell, index)}: ${(e as Error).message}`);
  }
}

/**
 * The student copy of a teacher's notebook (parsed JSON in, new JSON out; the input is not changed): every solution
 * block replaced by the stub, every code cell's outputs and execution count cleared. `name` names the notebook in
 * errors. Throws a SolutionMarkerError naming the notebook and the cell for any marker it cannot turn into a stub.
 */
export function studentNotebook(teacher: Notebook, name: string): Notebook {
  if (teacher.nbformat !== 4) throw new SolutionMarkerError(`${name}: nbformat ${teacher.nbformat}, not 4`);
  const nb = structuredClone(teacher);
  nb.cells.forEach((cell, index) => {
    const stubbed = stubCell(cell, index, name);
    if (cell.cell_type !== "code") return;
    if (stubbed.blocks > 0) cell.source = Array.isArray(cell.source) ? sourceLines(stubbed.source) : stubbed.source;
    cell.outputs = [];
    cell.execution_count = null;
  });
  return nb;
}

/** The 0-based indexes of the cells that hold solution blocks, with how many each holds. Throws like studentNotebook. */
export function solutionCells(teacher: Notebook, name: string): Map<number, number> {
  const found = new Map<number, number>();
  teacher.cells.forEach((cell, index) => {
    const { blocks } = stubCell(cell, index, name);
    if (blocks > 0) found.set(index, blocks);
  });
  return found;
}

/** A notebook as the project writes them (as nbformat does: one-space indent, non-ASCII kept, a final newline). */
export function notebookJson(nb: Notebook): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}
