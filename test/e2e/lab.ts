/**
 * Drive JupyterLab 4 in Debian's Chromium with playwright-core, the way a learner does: open a notebook, use the
 * Run menu, the toolbar, the keyboard. Learned from @jupyterlab/galata (JupyterLab's own UI-test framework):
 * the ready check (splash gone), menus by label, prompts `[n]:` / `[*]:`, the kernel status in the status bar.
 * State is read from the page's DOM; `window.jupyterapp` (JupyterLab's `expose_app_in_browser`, as galata uses it)
 * only to read the notebook model's outputs, which the DOM cannot tell apart (an error and stderr look alike).
 */
import type { Browser, Page } from "playwright-core";
import type { RunningServer } from "../../scripts/lib/jupyter-server";

export { CHROMIUM_ARGS, launchChromium } from "../../scripts/lib/chromium";

/** JupyterLab settings for the UI tests: every cell in the DOM (no virtual scrolling), so outputs can be counted. */
export const LAB_SETTINGS = { "@jupyterlab/notebook-extension:tracker": { windowingMode: "none" } };

export interface NbOutput {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string;
  readonly ename?: string;
  readonly evalue?: string;
  readonly traceback?: string[];
  readonly data?: Record<string, unknown>;
}

/** What one code cell shows: its prompt (`[3]:`), its outputs in the model, and its source. */
export interface CellState {
  readonly prompt: string;
  readonly source: string;
  readonly outputs: NbOutput[];
}

/** What is visible in the notebook: charts (decoded, non-zero size), tables, rendered math, raw TeX left over. */
export interface Visible {
  readonly charts: number;
  readonly chartSources: string[];
  readonly brokenCharts: number;
  readonly tables: number;
  readonly math: number;
  readonly rawMath: number;
  readonly trusted: boolean | null;
}

// Page scripts are strings: tsx would inject its `__name` helper into functions shipped to the page.
const CELLS = `(() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter((w) => w.model.type === "code");
  return cells.map((w) => ({
    prompt: w.node.querySelector(".jp-InputPrompt").textContent.trim(),
    source: w.model.sharedModel.getSource(),
    outputs: w.model.outputs.toJSON(),
  }));
})()`;

const VISIBLE = `(() => {
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const nb = window.jupyterapp.shell.currentWidget.node;
  const imgs = [...nb.querySelectorAll(".jp-OutputArea-output img")].filter((i) => i.src.startsWith("data:image/svg+xml"));
  const trust = document.querySelector(".jp-StatusItem-trust svg[data-icon]");
  return {
    charts: imgs.filter((i) => i.complete && i.naturalWidth > 0 && shown(i)).length,
    chartSources: imgs.map((i) => i.alt),
    brokenCharts: imgs.filter((i) => !(i.complete && i.naturalWidth > 0 && shown(i))).length,
    tables: [...nb.querySelectorAll(".jp-OutputArea-output table")].filter(shown).length,
    math: [...nb.querySelectorAll(".jp-RenderedMarkdown mjx-container")].filter(shown).length,
    rawMath: [...nb.querySelectorAll(".jp-RenderedMarkdown")].filter((m) => /\\$\\$|\\\\begin\\{/.test(m.textContent)).length,
    trusted: trust ? trust.getAttribute("data-icon") === "ui-components:trusted" : null,
  };
})()`;

let workspaces = 0;

export class Lab {
  private constructor(readonly page: Page, readonly pageErrors: string[]) {}

  /** Open `path` (relative to the server's root) in JupyterLab and wait until its kernel is idle. */
  static async open(browser: Browser, server: RunningServer, path: string): Promise<Lab> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // a workspace of its own: JupyterLab would otherwise reopen the notebooks of earlier pages beside this one
    const workspace = `test-${++workspaces}`;
    await page.goto(`${server.baseUrl}lab/workspaces/${workspace}/tree/${path}?token=${server.token}`, { waitUntil: "domcontentloaded" });
    await page.locator("#jupyterlab-splash").waitFor({ state: "detached", timeout: 60_000 });
    await page.waitForFunction("!!(window.jupyterapp && window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.content)");
    const lab = new Lab(page, errors);
    await lab.waitForKernelIdle();
    return lab;
  }

  /** The kernel status in the status bar (`TypeScript (tslab, …) | Idle`) says Idle, and no cell shows `[*]:`. */
  async waitForKernelIdle(timeout = 60_000): Promise<void> {
    try {
      await this.page.waitForFunction(`(() => {
        const status = document.querySelector("#jp-main-statusbar")?.textContent ?? "";
        const running = [...document.querySelectorAll(".jp-InputPrompt")].some((p) => p.textContent.includes("*"));
        return /\\| Idle/.test(status) && !running;
      })()`, undefined, { timeout, polling: 100 });
    } catch (e) {
      const state = await this.page.evaluate(`({
        status: document.querySelector("#jp-main-statusbar")?.textContent,
        prompts: [...document.querySelectorAll(".jp-InputPrompt")].map((p) => p.textContent.trim()).join(" "),
      })`).catch(() => "(page gone)");
      throw new Error(`the kernel did not become idle within ${timeout} ms: ${JSON.stringify(state)}`, { cause: e });
    }
  }

  /** Click a menu of the menu bar, then an item in it, by their labels (as galata's menu helper does). */
  async menu(menuLabel: string, itemCommand: string): Promise<void> {
    await this.page.locator(`.lm-MenuBar-item:has(.lm-MenuBar-itemLabel:text-is("${menuLabel}"))`).click();
    await this.page.locator(`.lm-Menu.lm-MenuBar-menu .lm-Menu-item[data-command="${itemCommand}"]`).click();
  }

  /** Run > Run All Cells, then wait until every cell has run and the kernel is idle. Returns the seconds taken. */
  async runAll(timeout = 600_000): Promise<number> {
    const t = Date.now();
    await this.menu("Run", "runmenu:run-all");
    await this.waitForRunToFinish(timeout);
    return (Date.now() - t) / 1000;
  }

  /** Wait for a run that was just started: first some cell shows `[*]:`, then none does and the kernel is idle. */
  async waitForRunToFinish(timeout = 600_000): Promise<void> {
    await this.page.waitForFunction(`[...document.querySelectorAll(".jp-InputPrompt")].some((p) => p.textContent.includes("*"))`,
      undefined, { timeout: 30_000, polling: 50 }).catch(() => undefined); // a very fast run may be over already
    await this.waitForKernelIdle(timeout);
  }

  /** Click a toolbar button of the notebook by its command id (e.g. notebook:interrupt-kernel). */
  async toolbar(command: string): Promise<void> {
    await this.page.locator(`.jp-NotebookPanel-toolbar jp-button[data-command="${command}"]`).click();
  }

  async cells(): Promise<CellState[]> {
    return (await this.page.evaluate(CELLS)) as CellState[];
  }

  async visible(): Promise<Visible> {
    return (await this.page.evaluate(VISIBLE)) as Visible;
  }

  /** The DOM text of code cell `index`'s outputs. */
  async outputText(index: number): Promise<string> {
    return this.page.locator(".jp-Notebook .jp-CodeCell").nth(index).locator(".jp-OutputArea").innerText();
  }

  /** Replace the source of code cell `index` by typing, as a user does (select all, type), then leave edit mode. */
  async setSource(index: number, source: string): Promise<void> {
    const cell = this.page.locator(".jp-Notebook .jp-CodeCell").nth(index);
    await cell.locator(".jp-InputArea-editor").click();
    await this.page.keyboard.press("Control+A");
    await this.page.keyboard.insertText(source);
    await this.page.keyboard.press("Escape");
  }

  /** Select code cell `index` and run it in place with Ctrl+Enter (Shift+Enter would add a cell at the end). */
  async startCell(index: number): Promise<void> {
    await this.page.locator(".jp-Notebook .jp-CodeCell").nth(index).locator(".jp-InputPrompt").click();
    await this.page.keyboard.press("Control+Enter");
  }

  /** Run code cell `index` in place and wait until the kernel is idle again. */
  async runCell(index: number): Promise<void> {
    await this.startCell(index);
    await this.waitForRunToFinish();
  }

  /** Add a code cell after the last one with this source (command mode: select the last cell, press "b", type). */
  async appendCell(source: string): Promise<number> {
    const cells = this.page.locator(".jp-Notebook .jp-Cell");
    await cells.last().locator(".jp-InputPrompt, .jp-InputArea-prompt").first().click();
    await this.page.keyboard.press("Escape");
    await this.page.keyboard.press("b");
    await this.page.keyboard.press("Enter");
    await this.page.keyboard.insertText(source);
    await this.page.keyboard.press("Escape");
    return (await this.page.locator(".jp-Notebook .jp-CodeCell").count()) - 1;
  }

  /** File > Save (Ctrl+S) and wait until the tab is no longer marked dirty. */
  async save(): Promise<void> {
    await this.page.keyboard.press("Control+s");
    await this.page.waitForFunction(`document.querySelectorAll(".lm-TabBar-tab.jp-mod-dirty").length === 0`, undefined, { timeout: 30_000 });
  }

  /** Shut the notebook's kernel down (each holds a few hundred MB) and close the page. */
  async close(): Promise<void> {
    await this.page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.shutdown()").catch(() => undefined);
    await this.page.close();
  }
}
