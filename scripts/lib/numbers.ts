/**
 * Every number the prose states is backed by the notebook: a check over an executed notebook that lists each number
 * written in a markdown cell that appears nowhere in the notebook's code (where settings are written) nor in the
 * outputs above the cell (where results are printed). A teacher who rewords the text keeps this green; a sentence
 * that states a number no cell sets or prints before it turns it red.
 *
 * What counts as a number: digits with an optional decimal part and exponent (0.6372, 2,000, 1e-8, 3.2×, 95%,
 * $10^{-8}$ and 10⁻⁸ as 1e-8), compared by value and without sign (−0.5 in the text matches -0.5 or 0.5 in code).
 * Not counted: digits inside words (float64), section numbers (§10.5, a heading's leading "10.3"), numbered-list
 * markers, TeX super- and subscripts ($g_t^2$, $E_{t-1}$), link text and targets, inline and fenced code, HTML tags.
 */
import { readFileSync } from "node:fs";

interface Output { output_type: string; text?: string | string[]; data?: Record<string, string | string[]> }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[] }
export interface Unbacked {
  /** 1-based index of the markdown cell in the notebook */
  readonly cell: number;
  /** the number as written */
  readonly number: string;
  /** the text around it */
  readonly context: string;
}

const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : s ?? "");
const NUMBER = /(?<![\w.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:e[-+−]?\d+)?|\.\d+)(?![\w])/gi;
const SUPERSCRIPT: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-" };

/** A number token's value as a canonical string ("2,000" → "2000", "0.10" → "0.1", "1e-8" → "1e-8"). */
export function canonical(token: string): string {
  return String(Number(token.replace(/,/g, "").replace("−", "-")));
}

/** The canonical values of every number in a piece of code or output text. */
function numbersIn(s: string): Set<string> {
  return new Set([...s.matchAll(NUMBER)].map((m) => canonical(m[0])));
}

/** A markdown cell's text without what this check does not read (see the module's comment). */
export function prose(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/<[^>\n]*>/g, " ")
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/§\s?\d+(?:\.\d+)*/g, " ")
    .replace(/^\s*\d+\.\s/gm, " ")
    .replace(/(\d+(?:\.\d+)?)\s*(?:\\cdot|\\times|·|×)\s*10\^\{?([-−]?\d+)\}?/g, "$1e$2")
    .replace(/(?<![\w.])10\^\{?([-−]?\d+)\}?/g, "1e$1")
    .replace(/(?<![\w.])10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, e: string) => `1e${[...e].map((c) => SUPERSCRIPT[c]).join("")}`)
    .replace(/[\^_](?:\{[^}]*\}|\w)/g, " ")
    .replace(/^(#{1,6}\s+)(?:[A-Z]\.\s+)?\d+(?:\.\d+)*\.?/gm, "$1")
    .replace(/\b\d+_\d+_\w+/g, " ");
}

/** The numbers written in markdown cells that neither the code nor the outputs above back. */
export function unbackedNumbers(cells: readonly Cell[]): Unbacked[] {
  const found: Unbacked[] = [];
  const code = new Set(cells.filter((c) => c.cell_type === "code").flatMap((c) => [...numbersIn(text(c.source))]));
  const seen = new Set<string>();
  cells.forEach((cell, i) => {
    if (cell.cell_type === "code") {
      for (const o of cell.outputs ?? []) {
        for (const n of numbersIn(text(o.text))) seen.add(n);
        for (const [mime, v] of Object.entries(o.data ?? {})) if (mime.startsWith("text/")) for (const n of numbersIn(text(v))) seen.add(n);
      }
      return;
    }
    if (cell.cell_type !== "markdown") return;
    const md = prose(text(cell.source));
    for (const m of md.matchAll(NUMBER)) {
      const value = canonical(m[0]);
      if (code.has(value) || seen.has(value)) continue;
      const at = m.index!;
      found.push({ cell: i + 1, number: m[0], context: md.slice(Math.max(0, at - 40), at + m[0].length + 40).replace(/\s+/g, " ").trim() });
    }
  });
  return found;
}

/** The same, for an executed notebook file. */
export function unbackedNumbersIn(path: string): Unbacked[] {
  return unbackedNumbers((JSON.parse(readFileSync(path, "utf8")) as { cells: Cell[] }).cells);
}

if (require.main === module) {
  let bad = 0;
  for (const path of process.argv.slice(2)) {
    for (const u of unbackedNumbersIn(path)) {
      bad++;
      console.log(`${path}: markdown cell ${u.cell} states ${u.number}, which no code and no output above it backs: "…${u.context}…"`);
    }
  }
  if (bad > 0) process.exit(1);
  console.log("every number in the markdown is backed by the code or by an output above it");
}
