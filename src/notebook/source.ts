import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The folder `src/`: this file is src/notebook/source.ts, or dist/notebook/source.js in the compiled package, which
 * ships src/ beside dist/.
 */
const SRC = join(__dirname, "..", "..", "src");

/** The first line of a top-level declaration of `name`: function, class, const/let/var, interface, type or enum. */
function declarationStart(name: string): RegExp {
  const id = name.replace(/[$]/g, "\\$");
  return new RegExp(`^(export\\s+)?(declare\\s+)?(default\\s+)?(async\\s+)?(abstract\\s+)?` +
    `(function\\*?|class|const|let|var|interface|type|enum)\\s+${id}(?![\\w$])`);
}

/** Whether a line leaves a template literal open (or closes one): an odd number of unescaped backticks. */
function togglesTemplate(line: string): boolean {
  return ((line.match(/(?<!\\)\x60/g) ?? []).length & 1) === 1; // \x60 is the backtick
}

/** The first line of the comments right above line `start` (`/** … *\/` blocks and `//` lines, no blank line). */
function commentAbove(lines: readonly string[], start: number): number {
  let first = start;
  for (;;) {
    const prev = lines[first - 1];
    if (prev === undefined) return first;
    if (/^\s*\/\//.test(prev)) {
      first--;
    } else if (/\*\/\s*$/.test(prev)) {
      let k = first - 1;
      while (k >= 0 && !/^\s*\/\*/.test(lines[k]!)) k--;
      if (k < 0) return first;
      first = k;
    } else {
      return first;
    }
  }
}

/**
 * The TypeScript source of one top-level declaration in a file under `src/`, with the comment block right above it:
 * what a notebook shows instead of re-implementing the code. The declaration runs from its first line to the line
 * before the next line that starts at column 0 with anything but a closing bracket (outside a template literal);
 * test/source.test.ts checks that against TypeScript's parser for every top-level declaration in src/.
 */
export function sourceOf(file: string, name: string): string {
  const lines = readFileSync(join(SRC, file), "utf8").split("\n");
  const start = lines.findIndex((l) => declarationStart(name).test(l));
  if (start < 0) throw new Error(`no top-level declaration named ${JSON.stringify(name)} in src/${file}`);
  let end = start;
  let inTemplate = togglesTemplate(lines[start]!);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inTemplate && /^[^\s)\]}]/.test(line)) break;
    if (togglesTemplate(line)) inTemplate = !inTemplate;
    if (line.trim() !== "") end = i;
  }
  const first = commentAbove(lines, start);
  return lines.slice(first, end + 1).join("\n");
}

/** A Markdown code block of those declarations, headed by where they live. */
export function sourceMarkdown(file: string, ...names: readonly string[]): string {
  const code = names.map((n) => sourceOf(file, n)).join("\n\n");
  return `\`src/${file}\` — ${names.map((n) => `\`${n}\``).join(", ")}\n\n\`\`\`typescript\n${code}\n\`\`\``;
}
