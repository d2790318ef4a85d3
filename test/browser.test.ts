import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../scripts/lib/pipeline";
import { startServer, type RunningServer } from "../scripts/lib/jupyter-server";
import { scratchNotebooks } from "./e2e/kernel-client";

// A real browser on the real UI: Debian's Chromium drives the classic Notebook (Debian has no JupyterLab).
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
let server: RunningServer | undefined;
let browser: Browser | undefined;

test.before(async () => {
  server = await startServer(scratchNotebooks());
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
test.after(async () => {
  await browser?.close();
  await server?.stop();
});

// Page scripts are strings: tsx would inject its `__name` helper into functions shipped to the page.
const KERNEL_READY = "!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())";
const ALL_DONE = `(() => {
  const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code");
  const running = document.querySelectorAll(".code_cell.running").length;
  const idle = document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
  return running === 0 && idle && cells[cells.length - 1].output_area.outputs.length > 0;
})()`;
const MEASURE = `(() => {
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 100 && r.height > 100; };
  const images = [...document.querySelectorAll(".output_html img")].filter((i) => i.src.startsWith("data:image/svg+xml"));
  const charts = images.filter((i) => i.naturalWidth > 0).filter(visible).length;
  return {
    charts,
    titles: images.flatMap((i) => i.alt.split(" · ")),
    stderr: [...document.querySelectorAll(".output_stderr, .output_error")].map((e) => e.textContent.slice(0, 200)),
    text: [...document.querySelectorAll(".output_text")].map((e) => e.textContent).join("\\n"),
    tables: document.querySelectorAll(".output_html table.results-table").length,
    trusted: Jupyter.notebook.trusted,
  };
})()`;

test("classic Notebook UI: Run All on 7_6_rmsprop renders every chart and table, with no error output", async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`${server!.baseUrl}notebooks/7_6_rmsprop.ipynb?token=${server!.token}`, { waitUntil: "load" });
  await page.waitForFunction(KERNEL_READY, undefined, { timeout: 60_000 });
  await page.evaluate("Jupyter.notebook.set_autosave_interval(0)");
  await page.evaluate("Jupyter.notebook.execute_all_cells()");
  await page.waitForFunction(ALL_DONE, undefined, { timeout: 300_000, polling: 500 });
  const m = (await page.evaluate(MEASURE)) as { charts: number; titles: string[]; stderr: string[]; text: string; tables: number; trusted: boolean };
  assert.equal(m.stderr, [], "error output in the UI");
  assert.ok(m.charts >= 10, `only ${m.charts} visible charts`);
  for (const t of ["Gradient Accumulation", "Learning Rate Evolution", "Loss Curves: RMSProp vs AdaGrad vs SGD"]) assert.ok(m.titles.includes(t), `chart "${t}" missing`);
  assert.ok(m.tables >= 3, `${m.tables} results tables`);
  for (const l of ["Final Loss: 0.6907", "Final Loss: 0.6147", "Final Loss: 0.6372"]) assert.ok(m.text.includes(l), `missing ${l}`);
  assert.ok(m.trusted, "outputs made in the UI should be trusted");
  assert.equal(pageErrors, [], "JavaScript errors in the page");
  const dir = join(ROOT, "build", "screenshots");
  mkdirSync(dir, { recursive: true });
  const shot = join(dir, "notebook-ui-7_6_rmsprop.png");
  // the classic UI scrolls inside #site, not the page: bring the §4 chart into view
  await page.evaluate(`document.querySelector(".output_html img").scrollIntoView({ block: "start" })`);
  await page.screenshot({ path: shot });
  assert.ok(statSync(shot).size > 30_000, "screenshot looks empty"); // a blank page is under 10 KB
  await page.close();
});

test.run();
