import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as TypeScript from "typescript";

/**
 * The folder `src/`: this file is src/notebook/source.ts, or dist/notebook/source.js in the compiled package, which
 * ships src/ beside dist/.
 */
const SRC = join(__dirname, "..", "..", "src");

/**
 * The TypeScript source of one top-level declaration (function, class, const, interface or type) in a file
 * under `src/`, with its doc comment: what a notebook shows instead of re-implementing the code.
 */
function sourceOf(file: string, name: string): string {
  const path = join(SRC, file);
  const text = readFileSync(path, "utf8");
  const ts = require("typescript") as typeof TypeScript; // loaded on first use: it is large
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  for (const stmt of sf.statements) {
    if (declaredNames(ts, stmt).includes(name)) {
      const start = stmt.getFullStart();
      const comments = ts.getLeadingCommentRanges(text, start) ?? [];
      const from = comments.length > 0 ? comments[0]!.pos : stmt.getStart(sf);
      return text.slice(from, stmt.getEnd()).trim();
    }
  }
  throw new Error(`no top-level declaration named ${JSON.stringify(name)} in src/${file}`);
}

function declaredNames(ts: typeof TypeScript, stmt: TypeScript.Statement): string[] {
  if (ts.isVariableStatement(stmt)) {
    return stmt.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  if (ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt)) {
    return stmt.name ? [stmt.name.text] : [];
  }
  return [];
}

/** A Markdown code block of those declarations, headed by where they live. */
export function sourceMarkdown(file: string, ...names: readonly string[]): string {
  const code = names.map((n) => sourceOf(file, n)).join("\n\n");
  return `\`src/${file}\` — ${names.map((n) => `\`${n}\``).join(", ")}\n\n\`\`\`typescript\n${code}\n\`\`\``;
}
