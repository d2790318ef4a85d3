/**
 * What the browser tests know of the playground (src/playground/page.ts) in every notebook: where each one starts,
 * and page scripts (strings: tsx would inject its `__name` helper into functions shipped to a page) that read it.
 */

/**
 * The other notebooks' playgrounds: one optimizer each, starting at the run of §6's results table named by `row`,
 * showing only the settings it uses: `controls` inputs (a slider and a box for each).
 */
export const SIBLING_PLAYGROUNDS = [
  { book: "7_4_sgd_with_momentum.ipynb", optimizer: "Momentum", row: "Momentum, EMA (α 0.01, β 0.9)", unused: "ε", controls: 12 },
  { book: "7_5_adagrad_adaptive_learning_rates.ipynb", optimizer: "AdaGrad", row: "AdaGrad, original (α 0.1)", unused: "β", controls: 12 },
  { book: "7_7_adam.ipynb", optimizer: "Adam", row: "Adam (α 0.001)", unused: null, controls: 14 },
] as const;
/** 7_6's playground: a choice of optimizer and seven settings, each a slider and a box. */
export const RMSPROP_PLAYGROUND_CONTROLS = 1 + 7 * 2;

/** Runs in the page: the "final loss" of the first results-table row whose run is `label`, or null. */
export const finalLossOf = (label: string) => `(() => {
  for (const t of document.querySelectorAll("table.results-table")) {
    const col = [...t.querySelectorAll("thead th")].map((th) => th.textContent.trim()).indexOf("final loss");
    for (const tr of t.querySelectorAll("tbody tr")) {
      const cells = [...tr.children].map((c) => c.textContent.trim());
      if (cells[0] === ${JSON.stringify(label)}) return cells[col];
    }
  }
  return null;
})()`;

/** Runs in the page: every control inside `root` and the name a screen reader gives it (its <label>, or its aria-label). */
export const controlNames = (root: string) => `[...document.querySelectorAll("${root} input, ${root} select, ${root} button")]
  .map((el) => ({ tag: el.tagName, name: (el.labels && el.labels[0] ? el.labels[0].textContent : "") || el.getAttribute("aria-label") ||
    (el.tagName === "BUTTON" ? el.textContent : "") }))`;

/**
 * Runs in the page: the lines of a playground chart (`loss`, `accuracy`, `valley`: its box's class is
 * `rms-pg-NAME`), each as its colour and its dash pattern ("" for a solid line).
 */
export const chartLines = (chart: string) => `[...document.querySelectorAll("[data-rms-playground] .rms-pg-${chart} g[aria-label=line] path")]
  .map((p) => [p.getAttribute("stroke"), p.closest("g[aria-label=line]").getAttribute("stroke-dasharray") ?? ""])`;

/** Runs in the page: the text of a playground chart (title, subtitle, legend, axes). */
export const chartText = (chart: string) => `document.querySelector("[data-rms-playground] .rms-pg-${chart} svg")?.textContent ?? ""`;
