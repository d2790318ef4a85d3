// @ts-check
/**
 * The kernel's start-up snapshot: a V8 heap in which tslab's TypeScript is already loaded and the declaration files
 * every cell's program needs (ES2022's lib, @types/node, the library's dist/*.d.ts) are already parsed and bound.
 * Without it, each kernel start spends most of a second parsing the same 3 MB of declarations.
 *
 * Built by kernel/install.js (so by the set-up), with the V8 flags the kernel runs with:
 *   RMSPROP_KERNEL_SNAPSHOT='{"typescript": …, "roots": […], "typeRoots": […]}' \
 *     node FLAGS --snapshot-blob BLOB --build-snapshot kernel/snapshot.js
 * Started by the kernelspec:
 *   node FLAGS --snapshot-blob BLOB -- /path/to/kernel/tslab-kernel.js --config-path CONNECTION_FILE
 * `node FLAGS --snapshot-blob BLOB -- /path/to/kernel/tslab-kernel.js --check` prints what the snapshot holds.
 *
 * A snapshot's entry may `require` only Node's built-in modules, so TypeScript (one file) is evaluated with `vm`.
 * Nothing here is trusted blindly at run time: the kernel uses a parsed file only while the file on disk has the
 * size and modification time it had here, and only for a program whose options parse and bind as these do.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");
const vm = require("node:vm");

/**
 * @typedef {{ typescript: string, roots: string[], typeRoots: string[] }} SnapshotConfig
 * @typedef {{ sourceFile: import("typescript").SourceFile, size: number, mtimeMs: number }} ParsedFile
 * @typedef {{ ts: typeof import("typescript"), files: Map<string, ParsedFile>, options: import("typescript").CompilerOptions }} Snapshot
 */

/**
 * The compiler options of tslab 1.0.22 as patched (node_modules/tslab/dist/converter.js, createConverter) that decide
 * how a declaration file is parsed and bound. The kernel compares them with the options tslab really passes before it
 * uses a parsed file (kernel/typescript.js).
 * @param {typeof import("typescript")} ts
 * @returns {import("typescript").CompilerOptions}
 */
function parsingOptions(ts) {
  return {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    types: ["node"],
  };
}

/** The options compared between the snapshot and a kernel's program. */
const COMPARED = /** @type {const} */ (["module", "moduleResolution", "target", "lib", "noImplicitUseStrict",
  "experimentalDecorators", "resolveJsonModule", "jsx", "allowJs", "types", "esModuleInterop"]);

/**
 * Whether a program with `options` parses and binds declaration files as the snapshot did.
 * @param {import("typescript").CompilerOptions} options
 * @param {import("typescript").CompilerOptions} snapshotOptions
 */
function sameParsing(options, snapshotOptions) {
  return COMPARED.every((k) => JSON.stringify(options[k]) === JSON.stringify(snapshotOptions[k]));
}

/**
 * Build time: load TypeScript, make a program that imports every root with tslab's options, bind it, and keep its
 * declaration files.
 * @param {SnapshotConfig} config
 * @returns {Snapshot}
 */
function build(config) {
  const tsModule = { exports: {} };
  const wrapper = vm.runInThisContext(
    `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(config.typescript, "utf8")}\n})`,
    { filename: config.typescript },
  );
  wrapper(tsModule.exports, require, tsModule, config.typescript, path.dirname(config.typescript));
  const ts = /** @type {typeof import("typescript")} */ (tsModule.exports);
  const options = { ...parsingOptions(ts), typeRoots: config.typeRoots, noEmit: true };
  const entry = path.join(path.dirname(config.typescript), "__kernel_snapshot__.ts");
  const text = config.roots.map((r, i) => `import type * as r${i} from ${JSON.stringify(r)};\n`).join("") + "export {};\n";
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName === entry) return ts.createSourceFile(entry, text, languageVersion, true);
    const sf = getSourceFile(fileName, languageVersion, onError, shouldCreate);
    // what a watch program sets (setGetSourceFileAsHashVersioned), so that tslab's builder sees the same version
    if (sf) /** @type {any} */ (sf).version = ts.sys.createHash ? ts.sys.createHash(sf.text) : String(sf.text.length);
    return sf;
  };
  host.fileExists = ((fileExists) => (/** @type {string} */ f) => f === entry || fileExists(f))(host.fileExists);
  const program = ts.createProgram([entry], options, host);
  const problems = program.getSemanticDiagnostics(program.getSourceFile(entry));
  if (problems.length > 0) {
    throw new Error(`the snapshot's roots do not compile: ${ts.flattenDiagnosticMessageText(problems[0]?.messageText, "\n")}`);
  }
  /** @type {Map<string, ParsedFile>} */
  const files = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.fileName === entry || !sourceFile.isDeclarationFile) continue;
    const st = fs.statSync(sourceFile.fileName);
    files.set(sourceFile.fileName, { sourceFile, size: st.size, mtimeMs: st.mtimeMs });
  }
  return { ts, files, options: parsingOptions(ts) };
}

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  const config = /** @type {SnapshotConfig} */ (JSON.parse(process.env.RMSPROP_KERNEL_SNAPSHOT ?? "null"));
  if (!config) throw new Error("RMSPROP_KERNEL_SNAPSHOT is not set (kernel/install.js builds the snapshot)");
  const snapshot = build(config);
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // Node builds a snapshot without Error.stackTraceLimit, and a process started from one has none: errors would
    // have no stack frames at all. V8's default, as a kernel started without a snapshot has it.
    if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = 10;
    // process.argv: [node, kernel/tslab-kernel.js, ...the kernel's arguments]
    const kernelFile = path.resolve(process.argv[1] ?? "");
    const load = require("node:module").createRequire(kernelFile);
    load(kernelFile).main(process.argv.slice(2), snapshot);
  });
}

// a snapshot's entry has no `module`; kernel/typescript.js requires this file for sameParsing
if (typeof module !== "undefined") module.exports = { sameParsing };
