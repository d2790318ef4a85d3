/**
 * tslab glue: show HTML, Markdown, a function's source, a results table. tslab is loaded on first use, so the
 * library can be imported outside a kernel (tests, CLI) without it.
 */
import type { Run } from "../train/experiments";
import type { Progress } from "../train/fit";
import { epochLine } from "../train/report";
import { RESULT_DECIMALS, runsFrame } from "./frames";
import { chartsHtml } from "./jupyter";
import { frameToHtml, type FrameLike, type TableOptions } from "./table";
import { sourceMarkdown } from "./source";

interface TslabDisplay {
  html(s: string): void;
  markdown(s: string): void;
  text(s: string): void;
}
interface Tslab {
  display: TslabDisplay;
  newDisplay(): TslabDisplay;
}

function tslab(): Tslab {
  return require("tslab") as Tslab;
}

/** Display HTML (a table, a note) as a cell output: renders in JupyterLab, classic Notebook and nbconvert HTML. */
export function showHtml(html: string): void {
  tslab().display.html(html);
}

/**
 * Display one or more charts (SVG documents from `src/plots`) side by side, wrapping on narrow screens. Each is an
 * <img>, so it shows in JupyterLab even when the notebook is not trusted, and stays sharp.
 */
export function showChart(...charts: readonly string[]): void {
  showHtml(chartsHtml(charts));
}

export function showMarkdown(md: string): void {
  tslab().display.markdown(md);
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
  const d = tslab().newDisplay();
  return (text) => d.text(text);
}

/** Training hooks that show the original's epoch line, rewritten in place every `every` epochs. */
export function liveProgress(every = 100): { progressEvery: number; onProgress: (p: Progress) => void } {
  const line = liveLine();
  return { progressEvery: every, onProgress: (p) => line(`${epochLine(p)} (of ${p.epochs})`) };
}
