/**
 * The README a newcomer reads and the pages of docs/ it links to: the README stays short and starts with its two
 * commands, its numbers are the original's, every link resolves; the test map in docs/testing.md names every suite;
 * `npm run test:unit` runs exactly the suites that need no set-up beyond `npm ci`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { original, ROOT } from "./helpers";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const README = read("README.md");
const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

test("the README is under 10 KB", () => {
  const bytes = Buffer.byteLength(README, "utf8");
  assert.ok(bytes < 10 * 1024, `README.md is ${bytes} bytes; move detail to docs/`);
});

test("the README starts with exactly two commands, npm scripts that exist: the main job and all tests", () => {
  const block = /^```bash\n([\s\S]*?)```/.exec(README);
  assert.ok(block, "README.md does not start with a bash block");
  const commands = block[1]!.trim().split("\n").map((l) => l.replace(/#.*/, "").trim());
  assert.equal(commands, ["npm run handouts", "npm test"]);
  assert.ok(pkg.scripts.handouts && pkg.scripts.test);
});

test("the README's final losses are the ones the original prints", () => {
  const printed = [...original().cell_stdout[6]!.matchAll(/Final Loss: ([\d.]+)/g)].map((m) => m[1]!);
  assert.is(printed.length, 3);
  const stated = /`Final Loss: ([\d.]+)` \(SGD\), `([\d.]+)` \(AdaGrad\),\s+`([\d.]+)` \(RMSProp\)/.exec(README);
  assert.ok(stated, "the README no longer states the three final losses");
  assert.equal(stated.slice(1), printed);
});

/** Markdown links and images of a file: [text](target), relative targets only, without #anchors. */
function localLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith("#")).map((t) => t.replace(/#.*/, ""));
}

test("every link of the README and of docs/*.md resolves to a file of the repository", () => {
  const pages = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const broken = pages.flatMap((page) => localLinks(read(page))
    .filter((target) => !existsSync(join(ROOT, dirname(page), target))).map((target) => `${page} → ${target}`));
  assert.equal(broken, []);
  assert.ok(localLinks(README).filter((t) => t.startsWith("docs/") && t.endsWith(".md")).length >= 5);
});

test("the bench rewrites docs/benchmarks.md between its markers", () => {
  const page = read("docs/benchmarks.md");
  const [start, end] = [page.indexOf("<!-- bench:start -->"), page.indexOf("<!-- bench:end -->")];
  assert.ok(start >= 0 && start < end, "docs/benchmarks.md lost its bench:start/bench:end markers");
  assert.match(read("bench/run.ts"), /join\(ROOT, "docs", "benchmarks\.md"\)/);
});

const suites = readdirSync(join(ROOT, "test")).filter((f) => f.endsWith(".test.ts")).map((f) => f.replace(/\.test\.ts$/, ""));

test("docs/testing.md's map names every suite of test/", () => {
  const map = read("docs/testing.md");
  const missing = suites.filter((s) => !map.includes(`\`${s}\``));
  assert.equal(missing, [], "add these suites to the map in docs/testing.md");
});

/** What a suite needs beyond `npm ci`: the venv and Jupyter, Chromium, the compiled dist/ (or the package by name), Deno. */
// (each written so that this file does not match itself: [.]venv, venv[B]in, …)
const NEEDS_SETUP = new RegExp([
  String.raw`[.]venv\b`, "venv[B]in", "jupyter[E]nv", "jupyter[-]server", "execute[_]notebook",
  "launch[C]hromium", "play[w]right",
  `["']rmsprop-notebooks["']`, String.raw`stringify\(pkg[.]name\)`, "[.][.]/dist/", `ROOT, ["']dist["']`, "tslab[-]kernel",
  `["'/]deno["']`,
].join("|"));

/** A suite's code and the code of the test/ modules it imports, comments left out. */
function codeOf(file: string, seen = new Set<string>()): string {
  if (seen.has(file)) return "";
  seen.add(file);
  const source = readFileSync(join(ROOT, "test", file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const local = [...source.matchAll(/from "\.\/([\w./-]+)"/g)].map((m) => `${m[1]!}.ts`);
  return [source, ...local.map((f) => codeOf(f, seen))].join("\n");
}

test("npm run test:unit runs every suite that needs no set-up beyond npm ci, and only those", () => {
  const pattern = /'([^']+)'/.exec(pkg.scripts["test:unit"]!);
  assert.ok(pattern, "test:unit has no pattern");
  const unit = new RegExp(pattern[1]!);
  const wrong = suites.filter((s) => unit.test(`${s}.test.ts`) === NEEDS_SETUP.test(codeOf(`${s}.test.ts`)));
  assert.equal(wrong, [], "in test:unit but needs set-up, or left out but needs none");
  assert.ok(suites.filter((s) => unit.test(`${s}.test.ts`)).length > suites.length / 2);
  assert.match(read("scripts/test.sh"), /uvu -r tsx test '\\\.test\\\.ts\$'/, "npm test no longer runs every suite");
});

test.run();
