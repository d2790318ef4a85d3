/**
 * Notebook glue: show HTML, Markdown, a function's source, a results table, on the project's tslab kernel and on
 * Deno's. The kernel's API is looked up on first use, so the library can be imported outside a kernel (tests, CLI).
 */
import type { Run } from "../train/experiments";
import type { Progress } from "../train/fit";
import { epochLine } from "../train/report";
import { RESULT_DECIMALS, runsFrame } from "./frames";
import { orderDenoOutput, type DenoBroadcast } from "./deno";
import { chartsHtml } from "./jupyter";
import { frameToHtml, type FrameLike, type TableOptions } from "./table";
import { sourceMarkdown } from "./source";

interface KernelDisplay {
  html(s: string): void;
  markdown(s: string): void;
  text(s: string): void;
}
interface Kernel {
  display: KernelDisplay;
  newDisplay(): KernelDisplay;
}

/** The part of Deno's `Deno.jupyter` used here: it sends a message on the kernel's IOPub channel. */
interface DenoJupyter {
  broadcast(type: string, content: Record<string, unknown>): Promise<void>;
}

/** Deno's kernel's display functions, as tslab's: `display_data`, and `update_display_data` of one display id. */
function denoKernel(jupyter: DenoJupyter): Kernel {
  let displays = 0;
  const send = (type: string, data: Record<string, string>, id?: string) => {
    void jupyter.broadcast(type, { data, metadata: {}, transient: id === undefined ? {} : { display_id: id } });
  };
  const display = (id?: string): KernelDisplay => {
    let shown = false;
    const show = (mime: string, s: string) => {
      send(id !== undefined && shown ? "update_display_data" : "display_data", { [mime]: s }, id);
      shown = true;
    };
    return { html: (s) => show("text/html", s), markdown: (s) => show("text/markdown", s), text: (s) => show("text/plain", s) };
  };
  return { display: display(), newDisplay: () => display(`rmsprop-notebooks-${SESSION}-${++displays}`) };
}

let denoDisplays: Kernel | undefined;
/** Tells this session's display ids from another's. */
const SESSION = Math.random().toString(36).slice(2, 10);

/** `Deno.jupyter` inside Deno's kernel; undefined elsewhere (outside the kernel Deno throws on reading it). */
function denoJupyter(): DenoJupyter | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno;
  if (deno === undefined) return undefined;
  try {
    return deno.jupyter;
  } catch {
    return undefined;
  }
}

// In Deno's kernel, each cell's output is published before the cell is reported done (./deno.ts).
const loadedInDeno = denoJupyter();
if (loadedInDeno) orderDenoOutput(loadedInDeno as DenoJupyter & DenoBroadcast);

/** The kernel this runs in: Deno's when `Deno.jupyter` is there, else tslab's. */
function kernel(): Kernel {
  const jupyter = denoJupyter();
  if (jupyter) return (denoDisplays ??= denoKernel(jupyter));
  return require("tslab") as Kernel;
}

/** Display HTML (a table, a note) as a cell output: renders in JupyterLab, classic Notebook and nbconvert HTML. */
export function showHtml(html: string): void {
  kernel().display.html(html);
}

/**
 * Display one or more charts (SVG documents from `src/plots`) side by side, wrapping on narrow screens. Each is an
 * <img>, so it shows in JupyterLab even when the notebook is not trusted, and stays sharp.
 */
export function showChart(...charts: readonly string[]): void {
  showHtml(chartsHtml(charts));
}

export function showMarkdown(md: string): void {
  kernel().display.markdown(md);
}

/** Show the TypeScript source of declarations in `src/<file>`, so the notebook explains the code that really runs. */
export function showSource(file: string, ...names: readonly string[]): void {
  showMarkdown(sourceMarkdown(file, ...names));
}

/** Show a danfojs DataFrame (or any object with `columns` and `values`) as an HTML table. */
export function showTable(df: FrameLike, options: TableOptions = {}): void {
  showHtml(frameToHtml(df, options));
}

/** Show the results of training runs as a table (a danfojs DataFrame, see `runsFrame`), one row per run. */
export function showRuns(runs: readonly Run[], options: { readonly labels?: readonly string[]; readonly caption?: string } = {}): void {
  showTable(runsFrame(runs, options.labels), { decimals: RESULT_DECIMALS, ...(options.caption ? { caption: options.caption } : {}) });
}

/** One output that is rewritten in place: live progress instead of a wall of lines. */
export function liveLine(): (text: string) => void {
  const d = kernel().newDisplay();
  return (text) => d.text(text);
}

/** Training hooks that show the original's epoch line, rewritten in place every `every` epochs. */
export function liveProgress(every = 100): { progressEvery: number; onProgress: (p: Progress) => void } {
  const line = liveLine();
  return { progressEvery: every, onProgress: (p) => line(`${epochLine(p)} (of ${p.epochs})`) };
}
