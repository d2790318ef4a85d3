/**
 * showSource finds a declaration by reading lines, not by loading TypeScript into the notebook's kernel (14 MB of heap
 * and a second compiler). Here TypeScript's parser checks it on every top-level declaration in src/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { sourceOf, sourceMarkdown } from "../src/notebook/source";

const SRC = join(__dirname, "..", "src");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));

/** What TypeScript says each top-level declaration is: its text with the comments right above it. */
function parsed(path: string): Map<string, string> {
  const text = readFileSync(path, "utf8");
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const out = new Map<string, string>();
  for (const stmt of sf.statements) {
    const names = ts.isVariableStatement(stmt)
      ? stmt.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []))
      : (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isInterfaceDeclaration(stmt) ||
          ts.isTypeAliasDeclaration(stmt) || ts.isEnumDeclaration(stmt)) && stmt.name ? [stmt.name.text] : [];
    if (names.length !== 1) continue;
    // the comments that end on the line above the declaration, without a blank line between them
    const ranges = ts.getLeadingCommentRanges(text, stmt.getFullStart()) ?? [];
    let from = stmt.getStart(sf);
    for (let i = ranges.length - 1; i >= 0; i--) {
      const between = text.slice(ranges[i]!.end, from);
      if (!/^[ \t]*\n?[ \t]*$/.test(between)) break;
      from = ranges[i]!.pos;
    }
    out.set(names[0]!, text.slice(text.lastIndexOf("\n", from - 1) + 1, stmt.getEnd()));
  }
  return out;
}

test("every top-level declaration in src/ is found as TypeScript's parser finds it", () => {
  let checked = 0;
  for (const path of files(SRC)) {
    const file = relative(SRC, path);
    for (const [name, expected] of parsed(path)) {
      const text = readFileSync(path, "utf8");
      // a name declared twice (overloads) is shown from its first declaration: skip those
      if (text.split("\n").filter((l) => new RegExp(`^(export )?(function|const|class|interface|type|enum) ${name}\\b`).test(l)).length > 1) continue;
      assert.fixture(sourceOf(file, name), expected, `${file}: ${name}`);
      checked++;
    }
  }
  assert.ok(checked > 200, `only ${checked} declarations checked`);
});

test("sourceMarkdown heads the code with its file and names, and an unknown name is an error", () => {
  const md = sourceMarkdown("optim/sgd.ts", "sgd");
  assert.match(md, /^`src\/optim\/sgd\.ts` — `sgd`\n\n```typescript\n/);
  assert.match(md, /export function sgd\(/);
  assert.throws(() => sourceMarkdown("optim/sgd.ts", "nope"), /no top-level declaration named "nope" in src\/optim\/sgd\.ts/);
});

test.run();
