import { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import type { Browser } from "playwright-core";
import { launchChromium } from "./e2e/lab";
import { chartLines, chartText, controlNames, finalLossOf, SIBLING_PLAYGROUNDS } from "./e2e/playground";
import { colorOf } from "../src/plots/dom";
import { buildHandout, checkCommittedNotebook, jupyterEnv, notebooks, ROOT, venvBin } from "../scripts/lib/pipeline";
import { unbackedNumbers, unbackedNumbersIn } from "../scripts/lib/numbers";

interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, string | string[]> }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[]; execution_count?: number | null }
const join_ = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");
/** A chart output: an <img> of an SVG document (see src/plots/figure.ts). */
const CHART = '<img src="data:image/svg+xml;base64,';


const all = notebooks();
const out = mkdtempSync(join(tmpdir(), "handouts-"));
const rmsprop = all.find((p) => basename(p) === "7_6_rmsprop.ipynb");

test("every committed notebook is valid nbformat 4 on the tslab kernel, with outputs stripped", () => {
  assert.ok(all.length >= 1, "no notebooks found");
  for (const nb of all) assert.equal(checkCommittedNotebook(nb), [], basename(nb));
});

test("the committed-notebook check reports missing cell ids, outputs and local-path imports", () => {
  const nb = JSON.parse(readFileSync(all[0]!, "utf8"));
  const code = nb.cells.findIndex((c: Cell) => c.cell_type === "code");
  nb.cells[code].source = 'import { train } from "../src";';
  nb.cells[code].execution_count = 1;
  delete nb.cells[0].id;
  const bad = join(out, "bad.ipynb");
  writeFileSync(bad, JSON.stringify(nb));
  assert.equal(checkCommittedNotebook(bad), [
    "cell 1 has no id (nbformat 4.5 needs one)",
    `cell ${code + 1} is committed with outputs (run: npm run strip)`,
    `cell ${code + 1} imports a local path: import the library by name, from "rmsprop-notebooks"`,
  ]);
});

/**
 * Runs in the page: sizes of the two charts of the original (found by their alt text; a chart image that does not
 * decode has naturalWidth 0), the table, and how many formulas are drawn.
 */
const MEASURE = `(() => {
  const size = (el) => { const r = el ? el.getBoundingClientRect() : null; return r ? [Math.round(r.width), Math.round(r.height)] : [0, 0]; };
  const byAlt = (t) => [...document.querySelectorAll("img")].find((i) => i.alt === t && i.naturalWidth > 0) ?? null;
  return {
    accumulation: size(byAlt("Gradient Accumulation · Learning Rate Evolution")),
    loss: size(byAlt("Loss Curves: RMSProp vs AdaGrad vs SGD")),
    table: size(document.querySelector("table.results-table")),
    tableRows: document.querySelector("table.results-table")?.querySelectorAll("tbody tr").length ?? 0,
    math: [...document.querySelectorAll("mjx-container svg")].filter((s) => s.getBoundingClientRect().width > 0).length,
  };
})()`;

test("the series is complete and every link between notebooks resolves", () => {
  const names = all.map((p) => basename(p));
  for (const n of ["7_4_sgd_with_momentum.ipynb", "7_5_adagrad_adaptive_learning_rates.ipynb", "7_6_rmsprop.ipynb", "7_7_adam.ipynb"]) {
    assert.ok(names.includes(n), `missing ${n}`);
  }
  for (const nb of all) {
    const cells = (JSON.parse(readFileSync(nb, "utf8")) as { cells: Cell[] }).cells;
    const text = cells.filter((c) => c.cell_type === "markdown").map((c) => join_(c.source)).join("\n");
    for (const [, target] of text.matchAll(/\]\(([^)#]+\.ipynb)\)/g)) assert.ok(names.includes(target!), `${basename(nb)} links to missing ${target}`);
    // a relative link to anything else (say src/…) opens nothing in JupyterLab, whose root is notebooks/
    const elsewhere = [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|#)|\.ipynb(#|$)/.test(t));
    assert.equal(elsewhere, [], `${basename(nb)} links to files JupyterLab cannot open from notebooks/`);
  }
});

const built = new Map<string, ReturnType<typeof buildHandout>>();
for (const nb of all) {
  test(`${basename(nb)} executes on tslab with no error output, shows charts, and its handouts are self-contained`, () => {
    const f = buildHandout(nb, out);
    built.set(basename(nb), f);
    const cells = (JSON.parse(readFileSync(f.executed, "utf8")) as { cells: Cell[] }).cells;
    const outputs = cells.flatMap((c) => c.outputs ?? []);
    const bad = outputs.filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"));
    assert.is(bad.length, 0, `error outputs: ${JSON.stringify(bad).slice(0, 500)}`);
    const charts = outputs.filter((o) => join_(o.data?.["text/html"]).includes(CHART)).length;
    assert.ok(charts >= 3, `${basename(nb)}: only ${charts} chart outputs`);
    const code = cells.filter((c) => c.cell_type === "code");
    assert.equal(code.map((c) => c.execution_count), code.map((_c, i) => i + 1), "execution counts are not 1, 2, 3, …");
    for (const file of [f.html, f.noInput]) {
      const html = readFileSync(file, "utf8");
      assert.not.match(html, /file:\/\//, `${basename(file)} refers to local files`);
      assert.not.match(html, /<script[^>]+src=/, `${basename(file)} loads scripts`);
      assert.ok(f.formulas >= 3 && (html.match(/<mjx-container/g) ?? []).length === f.formulas, `${basename(file)}: math not pre-rendered`);
      // the only script a handout may have is the playground's bundle, once (7_6 after §8, the others in §6)
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.equal(scripts, ['<script data-rms-playground-script="">'], `${basename(file)}: scripts other than the playground's`);
    }
    const full = readFileSync(f.html, "utf8");
    assert.match(full, /In\s\[3\]:/, "the handout shows no execution counts");
    const unbacked = unbackedNumbersIn(f.executed).map((u) => `markdown cell ${u.cell} states ${u.number}: "…${u.context}…"`);
    assert.equal(unbacked, [], "numbers in the markdown that no code and no output above back");
    assert.not.match(full, /In\s\[\s*\]:/, "a code cell without an execution count");
  });
}

for (const nb of all) {
  test(`${basename(nb)}: executing it again gives byte-identical outputs (no timed lines to exclude)`, () => {
    const first = built.get(basename(nb));
    assert.ok(first, "the first execution failed above");
    const again = join(out, "again", basename(nb));
    execFileSync(venvBin("python"), [join(ROOT, "scripts", "execute_notebook.py"), nb, again], { stdio: ["ignore", "ignore", "pipe"], env: jupyterEnv() });
    const outputs = (f: string) => (JSON.parse(readFileSync(f, "utf8")) as { cells: Cell[] }).cells.map((c) => JSON.stringify(c.outputs ?? []));
    const a = outputs(first!.executed);
    const b = outputs(again);
    assert.is(b.length, a.length);
    a.forEach((o, i) => assert.ok(o === b[i], `cell ${i + 1} differs between two executions`));
  });
}

test("the markdown-number check fails on a deliberately wrong number, and on a result stated before it is printed", () => {
  const executed = built.get("7_6_rmsprop.ipynb")?.executed;
  assert.ok(executed, "7_6_rmsprop.ipynb failed to execute above");
  const cells = (JSON.parse(readFileSync(executed!, "utf8")) as { cells: Cell[] }).cells;
  const at = cells.findIndex((c) => c.cell_type === "code" && join_(c.source).includes("const modelRmsprop = fit("));
  assert.ok(at > 0, "§7's training cell not found");
  const say = (i: number, md: string) => [...cells.slice(0, i), { cell_type: "markdown", source: md }, ...cells.slice(i)];
  assert.equal(unbackedNumbers(say(at + 1, "RMSProp ends at 0.6372 after 2,000 epochs.")), []);
  const wrong = unbackedNumbers(say(at + 1, "RMSProp ends at 0.6373 after 2,000 epochs."));
  assert.equal(wrong.map((u) => [u.cell, u.number]), [[at + 2, "0.6373"]]);
  assert.equal(unbackedNumbers(say(at, "RMSProp will end at 0.6372.")).map((u) => u.number), ["0.6372"]);
});

let files: ReturnType<typeof buildHandout> | undefined;
test("7_6_rmsprop was built", () => {
  assert.ok(rmsprop, "notebooks/7_6_rmsprop.ipynb is missing");
  files = built.get("7_6_rmsprop.ipynb");
  assert.ok(files, "7_6_rmsprop.ipynb failed to execute above");
});

test("the executed notebook prints the original's lines, shows ≥2 charts and the results table", () => {
  assert.ok(files, "execution failed above");
  const nb = JSON.parse(readFileSync(files!.executed, "utf8")) as { cells: Cell[] };
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
  const stderr = outputs.filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"));
  assert.is(stderr.length, 0, `error outputs: ${JSON.stringify(stderr).slice(0, 500)}`);
  const stdout = outputs.filter((o) => o.output_type === "stream").map((o) => join_(o.text)).join("");
  for (const line of ["   Final Loss: 0.6907", "   Final Loss: 0.6147", "   Final Loss: 0.6372", "Dataset shape: X=(2, 300), Y=(1, 300)", "✅ All experiments complete!"]) {
    assert.ok(stdout.includes(`${line}\n`), `missing printed line ${JSON.stringify(line)}`);
  }
  const html = outputs.map((o) => join_(o.data?.["text/html"]));
  assert.ok(html.filter((h) => h.includes(CHART)).length >= 2, "fewer than 2 chart outputs");
  assert.ok(html.some((h) => h.includes('<table class="results-table"') && h.includes("RMSProp") && h.includes("0.6372")), "results table missing");
  assert.match(stdout, /RMSProp's loss is below AdaGrad's at 0 of 2000 epochs;/, "the check of the original's claim is missing");
});

test("handouts are self-contained: no local or remote scripts, math pre-rendered, charts and table inline", () => {
  assert.ok(files, "execution failed above");
  for (const file of [files!.html, files!.noInput]) {
    const html = readFileSync(file, "utf8");
    assert.not.match(html, /file:\/\//, `${basename(file)} refers to local files`);
    assert.not.match(html, /<script[^>]+src=/, `${basename(file)} loads scripts`);
    assert.ok(files!.formulas >= 15, `only ${files!.formulas} formulas rendered`);
    assert.ok((html.match(/<mjx-container/g) ?? []).length >= 15, "math not pre-rendered");
    assert.not.match(html, /\$\$\s*\\begin\{align\}/, "raw TeX left in the page");
    assert.ok(html.includes('alt="Gradient Accumulation · Learning Rate Evolution"') && html.includes('alt="Loss Curves: RMSProp vs AdaGrad vs SGD"'));
    assert.ok(html.includes('class="results-table"'));
  }
  assert.not.match(readFileSync(files!.noInput, "utf8"), /rms\.train\.finalLossLine\(modelSgd\)/, "--no-input handout still shows code");
});

test("in headless Chromium the handout shows the original's charts, the table and the math, with no console errors", async () => {
  assert.ok(files, "execution failed above");
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(`file://${files!.noInput}`, { waitUntil: "load" });
    // a string, not a function: tsx would inject its `__name` helper into a function shipped to the page
    const boxes = (await page.evaluate(MEASURE)) as Record<"accumulation" | "loss" | "table", number[]> & { tableRows: number; math: number };
    for (const k of ["accumulation", "loss", "table"] as const) {
      assert.ok(boxes[k][0]! > 200 && boxes[k][1]! > 100, `${k} is not visible: ${boxes[k].join("×")}`);
    }
    assert.is(boxes.tableRows, 3);
    assert.ok(boxes.math >= 15, `${boxes.math} formulas visible`);
    assert.equal(problems, []);
    const shots = join(ROOT, "build", "screenshots");
    mkdirSync(shots, { recursive: true });
    const shot = join(shots, "7_6_rmsprop-handout.png");
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 50_000, "screenshot looks empty");
  } finally {
    await browser.close();
  }
});

/** Runs in the page: the playground's state, its readout and what its charts draw. */
const PLAYGROUND = `(() => {
  const root = document.querySelector("[data-rms-playground]");
  const paths = (sel) => [...root.querySelectorAll(sel)].map((p) => p.getAttribute("d")).join("|");
  return { state: root.dataset.state, loss: root.dataset.finalLoss, readout: root.querySelector("output")?.textContent ?? "",
    paths: paths(".rms-pg-charts svg path"), valleyPaths: paths(".rms-pg-valley svg path"),
    valleyState: root.dataset.valleyState, valleyEnd: root.dataset.valleyEnd,
    valleyMessage: root.querySelector(".rms-pg-valley .rms-pg-diverged")?.textContent ?? "",
    nan: /NaN/.test(root.querySelector(".rms-pg-charts").innerHTML),
    errors: [...root.querySelectorAll(".rms-pg-error")].map((e) => e.textContent).filter((t) => t) };
})()`;
type PlaygroundState = { state: string; loss: string; readout: string; paths: string; valleyPaths: string; valleyState: string;
  valleyEnd: string; valleyMessage: string; nan: boolean; errors: string[] };
/** Every control of the playground and the name a screen reader gives it. */
const LABELS = controlNames("[data-rms-playground]");

/**
 * A handout opened from disk in a new page, once its playground's first run is done: that page, what it reported
 * (console errors and warnings, page errors) and requested (anything but file:, blob: and data:), and the playground.
 */
async function openPlayground(browser: Browser, file: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("request", (r) => { if (!/^(file|blob|data):/.test(r.url())) requests.push(r.url()); });
  await page.goto(`file://${file}`, { waitUntil: "load" });
  const root = "[data-rms-playground]";
  await page.waitForSelector(`${root}[data-state=done]`, { timeout: 15_000 });
  const first = (await page.evaluate(PLAYGROUND)) as PlaygroundState;
  return { page, problems, requests, root, first };
}

test("the playground in the handout, opened from disk: the original's loss, live redraws, keyboard, labels, errors", async () => {
  assert.ok(files, "execution failed above");
  // the number §7 prints for RMSProp, read from the same handout
  const printed = /Training RMSProp\.\.\.\s*Final Loss: (\d\.\d{4})/.exec(readFileSync(files!.html, "utf8").replace(/<[^>]+>/g, ""));
  assert.ok(printed, "§7's RMSProp line not found");
  const browser = await launchChromium();
  try {
    for (const file of [files!.html, files!.noInput]) {
      const { page, problems, requests, root, first } = await openPlayground(browser, file);
      // the pictures of docs/ (a slider moving): build/screenshots/playground-1…3.png, from the full handout
      const shots = join(ROOT, "build", "screenshots");
      mkdirSync(shots, { recursive: true });
      const snap = async (n: number) => {
        if (file !== files!.html) return;
        const shot = join(shots, `playground-${n}.png`);
        await page.locator(root).screenshot({ path: shot });
        assert.ok(statSync(shot).size > 20_000, "screenshot looks empty");
      };
      await snap(1);
      assert.is(first.loss, printed![1], "the playground's final loss for the original's settings is not §7's");
      assert.match(first.readout, new RegExp(`final loss ${printed![1]!.replace(".", "\\.")}`));
      // every control has a name
      const labels = (await page.evaluate(LABELS)) as { tag: string; name: string }[];
      assert.ok(labels.length >= 12, `${labels.length} controls`);
      assert.equal(labels.filter((l) => !l.name.trim()), [], "controls without a label");
      // keyboard: Tab from the optimizer to the reset button, then to α's slider; an arrow key retrains and redraws
      await page.focus(`${root} select`);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      assert.match(String(await page.evaluate("document.activeElement.labels[0].textContent")), /^α/);
      const t = Date.now();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(`(() => { const r = document.querySelector("${root}"); return r.dataset.state === "done" && r.dataset.finalLoss !== "${first.loss}"; })()`, undefined, { timeout: 5000 });
      const redraw = Date.now() - t;
      assert.ok(redraw < 1000, `the redraw took ${redraw} ms`);
      const moved = (await page.evaluate(PLAYGROUND)) as typeof first;
      assert.is.not(moved.paths, first.paths, "the charts did not change");
      assert.match(moved.readout, /α 0\.00112/);
      // the valley's α, from the keyboard: the path moves at once, the spiral's run is not retrained
      assert.equal([first.valleyState, first.valleyEnd], ["done", "-0.0105980,1.03621e-14"], "RMSProp's path on d2l's valley");
      await page.focus(`${root} input[type=range][id$="-valleyLr"]`);
      const tv = Date.now();
      await page.keyboard.press("ArrowLeft");
      await page.waitForFunction(`document.querySelector("${root}").dataset.valleyEnd !== "${first.valleyEnd}"`, undefined, { timeout: 1000 });
      const valleyRedraw = Date.now() - tv;
      const shifted = (await page.evaluate(PLAYGROUND)) as typeof first;
      assert.is.not(shifted.valleyPaths, moved.valleyPaths, "the valley chart did not change");
      assert.equal([shifted.state, shifted.loss, shifted.readout], [moved.state, moved.loss, moved.readout], "the valley's α retrained the spiral");
      // the slider holds log₁₀ 0.4 ≈ −0.398 at its nearest step, −0.4; one step left is −0.45: 10^−0.45 = 0.355
      assert.is(await page.inputValue(`${root} input[aria-label^="valley α"]`), "0.355");
      await page.focus(`${root} input[type=range][id$="-lr"]`);
      for (let k = 0; k < 19; k++) await page.keyboard.press("ArrowRight"); // α 0.001 → 0.01, one step at a time
      await page.waitForFunction(`(() => { const r = document.querySelector("${root}"); return r.dataset.state === "done" && /α 0\\.01,/.test(r.querySelector("output").textContent); })()`, undefined, { timeout: 5000 });
      await snap(2);
      // a typed value the library refuses: its error next to the control, nothing trained
      const alphaBox = `${root} input[aria-label^="α"]`;
      await page.fill(alphaBox, "-1");
      await page.press(alphaBox, "Enter");
      await page.waitForFunction(`document.querySelector("${root}").dataset.state === "invalid"`);
      assert.equal(((await page.evaluate(PLAYGROUND)) as typeof first).errors, ["invalid lr: -1 (expected a finite number > 0)"]);
      await page.fill(`${root} input[aria-label^="hidden"]`, "1000");
      await page.press(`${root} input[aria-label^="hidden"]`, "Enter");
      assert.equal(((await page.evaluate(PLAYGROUND)) as typeof first).errors, ["invalid hidden: 1000 (expected an integer in [1, 128])"]);
      await page.fill(alphaBox, "abc");
      await page.press(alphaBox, "Enter");
      assert.equal(((await page.evaluate(PLAYGROUND)) as typeof first).errors, ['invalid lr: "abc" (expected a number)']);
      // AdaGrad has no β: its box says so and is disabled; the run starts, and the refused values' errors are gone
      const beta = `(() => { const b = document.querySelector('${root} input[aria-label^="β"]'); return [b.disabled, b.value, b.labels.length ? "" : b.getAttribute("aria-label")]; })()`;
      await page.selectOption(`${root} select`, "adagrad");
      await page.waitForSelector(`${root}[data-state=done]`, { timeout: 5000 });
      assert.equal(await page.evaluate(beta), [true, "not used by AdaGrad", "β (type a value)"]);
      assert.equal(((await page.evaluate(PLAYGROUND)) as typeof first).errors, [], "a refused value should not linger once a run starts");
      // Adam's β is its β₁
      await page.selectOption(`${root} select`, "adam");
      await page.waitForSelector(`${root}[data-state=done]`, { timeout: 5000 });
      assert.equal(await page.evaluate(beta), [false, "0.9", "β₁, averaging of g (type a value)"]);
      assert.match(((await page.evaluate(PLAYGROUND)) as typeof first).readout, /\(Adam, α 0\.01, β₁ 0\.9, ε 1e-8, 10 hidden units, 2000 epochs\)$/);
      // a diverging setting: the library's message, no NaN chart (SGD at α 50 stays finite here, loss 8.6; at α 10⁶
      // the loss is NaN at epoch 62)
      await page.selectOption(`${root} select`, "sgd");
      await page.fill(alphaBox, "1e6");
      await page.press(alphaBox, "Enter");
      await page.waitForSelector(`${root}[data-state=diverged]`, { timeout: 5000 });
      const diverged = (await page.evaluate(PLAYGROUND)) as typeof first;
      assert.match(diverged.readout, /SGD diverged at epoch 62: the loss is NaN/);
      assert.is(diverged.nan, false, "a NaN in the charts");
      // the valley: its own α and steps redraw the path at once and leave the spiral's run alone. SGD at valley α 10
      // multiplies x₂ by 1 − 40 each step: f overflows at step 97. The library's message, no NaN, no console error
      // (a path out to 10¹⁵³ would be refused by the browser's SVG parser if it were drawn as it is).
      const valleyAlpha = `${root} input[aria-label^="valley α"]`;
      await page.fill(valleyAlpha, "10");
      await page.press(valleyAlpha, "Enter");
      await page.fill(`${root} input[aria-label^="valley steps"]`, "200");
      await page.press(`${root} input[aria-label^="valley steps"]`, "Enter");
      await page.waitForFunction(`document.querySelector("${root}").dataset.valleyState === "diverged"`, undefined, { timeout: 5000 });
      const flown = (await page.evaluate(PLAYGROUND)) as PlaygroundState;
      assert.match(flown.valleyMessage, /^❌ SGD diverged at step 97 on d2l: f = Infinity; try a smaller lr \(the path is drawn up to step 96\)$/);
      assert.is(flown.state, "diverged", "the spiral's run should still be the diverged one");
      assert.is(flown.nan, false, "a NaN in the charts");
      await snap(3);
      // back to the original's settings
      await page.click(`${root} button`);
      await page.waitForFunction(`(() => { const r = document.querySelector("${root}"); return r.dataset.state === "done" && r.dataset.finalLoss === "${first.loss}"; })()`, undefined, { timeout: 5000 });
      assert.equal(((await page.evaluate(PLAYGROUND)) as typeof first).valleyEnd, first.valleyEnd, "reset did not bring the valley back");
      // a long run (64 hidden units, 10,000 epochs) redraws its loss as it goes, and a new setting stops it: from
      // then on the readout shows one result, the new setting's run
      for (const [what, value] of [["hidden", "64"], ["epochs", "10000"]] as const) {
        await page.fill(`${root} input[aria-label^="${what}"]`, value);
        await page.press(`${root} input[aria-label^="${what}"]`, "Enter");
      }
      await page.waitForFunction(`/training… epoch \\d+ of 10000/.test(document.querySelector("${root} .rms-pg-charts").textContent)`, undefined, { timeout: 5000, polling: 10 });
      assert.is(((await page.evaluate(PLAYGROUND)) as typeof first).state, "training");
      await page.evaluate(`(() => { const out = document.querySelector("${root} output"); window.readouts = [];
        new MutationObserver(() => window.readouts.push(out.textContent)).observe(out, { childList: true, characterData: true, subtree: true }); })()`);
      await page.focus(`${root} input[type=range][id$="-lr"]`);
      await page.keyboard.press("ArrowRight");
      // the readout names the run it shows (from the worker's reply, not the controls)
      await page.waitForFunction(`/α 0\\.00112, .*64 hidden units, 10000 epochs\\)$/.test(document.querySelector("${root} output").textContent)`, undefined, { timeout: 15_000 });
      const readouts = (await page.evaluate("window.readouts")) as string[];
      // one result drawn since the change: the stopped run's never arrives
      assert.is(readouts.length, 1, JSON.stringify(readouts));
      assert.match(readouts[0]!, /α 0\.00112, .*64 hidden units, 10000 epochs\)$/);
      assert.equal(requests, [], "network requests");
      assert.equal(problems, [], "console errors or warnings");
      console.log(`  (${basename(file)}: first run ${first.readout}; redraw after a key press ${redraw} ms, valley ${valleyRedraw} ms)`);
      await page.close();
    }
    // with scripts off (as in an untrusted notebook): the static picture and the line saying why
    const off = await browser.newPage({ javaScriptEnabled: false });
    await off.goto(`file://${files!.html}`, { waitUntil: "load" });
    const still = await off.evaluate(`(() => { const r = document.querySelector("[data-rms-playground]");
      const img = r.querySelector("img"); return [img ? img.getBoundingClientRect().width : 0, r.textContent]; })()`) as [number, string];
    assert.ok(still[0] > 300, "no static picture");
    assert.match(still[1], /This is a static picture\. The live playground/);
  } finally {
    await browser.close();
  }
});

test("the playground compares: a pinned run stays under the next ones, in the static charts' colours; a clipped loss is said", async () => {
  assert.ok(files, "execution failed above");
  const browser = await launchChromium();
  try {
    const { page, problems, requests, root, first } = await openPlayground(browser, files!.html);
    const lines = async (chart: string) => (await page.evaluate(chartLines(chart))) as [string, string][];
    const text = async (chart: string) => (await page.evaluate(chartText(chart))) as string;
    const state = async () => (await page.evaluate(PLAYGROUND)) as PlaygroundState;
    const rmsprop = colorOf("rmsprop");
    // one run, in RMSProp's colour of the library's charts, nothing pinned
    assert.equal([await lines("loss"), await lines("accuracy"), (await lines("valley")).length], [[[rmsprop, ""]], [[rmsprop, ""]], 1]);
    assert.is(await page.locator(`${root} .rms-pg-unpin`).isVisible(), false);
    // pin from the keyboard, then α's slider one step right: the new run is drawn over the pinned one
    await page.focus(`${root} .rms-pg-pin`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(`document.querySelector("${root}").dataset.pinned !== undefined`, undefined, { timeout: 1000 });
    await page.focus(`${root} input[type=range][id$="-lr"]`);
    const t = Date.now();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(`(() => { const r = document.querySelector("${root}"); return r.dataset.state === "done" && r.dataset.finalLoss !== "${first.loss}"; })()`, undefined, { timeout: 5000 });
    const redraw = Date.now() - t;
    assert.ok(redraw < 1000, `the redraw over a pinned run took ${redraw} ms`);
    const two = await lines("loss");
    assert.is(two.length, 2, "not two loss curves");
    // the new run solid in RMSProp's colour; the pinned one dashed, in a lighter shade of it (every channel nearer white)
    assert.equal([two[0], two[1]![1]], [[rmsprop, ""], "6,4"]);
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const [light, own] = [rgb(two[1]![0]), rgb(rmsprop)];
    assert.ok(light.every((c, i) => c >= own[i]!) && light.some((c, i) => c > own[i]!), `${two[1]![0]} is not lighter than ${rmsprop}`);
    assert.equal(await lines("accuracy"), two, "the accuracy chart does not overlay as the loss chart does");
    for (const chart of ["loss", "accuracy"]) {
      const legend = await text(chart);
      assert.ok(legend.includes("now: RMSProp, α 0.00112, β 0.9, ε 1e-8") && legend.includes("pinned: RMSProp, α 0.001, β 0.9, ε 1e-8"), legend);
    }
    assert.is((await lines("valley")).length, 2, "the pinned path on the valley");
    const pinned = await state();
    const settings = (lr: string) => `\\(RMSProp, α ${lr.replace(".", "\\.")}, β 0\\.9, ε 1e-8, 10 hidden units, 2000 epochs\\)`;
    assert.match(pinned.readout, new RegExp(`^final loss ${pinned.loss.replace(".", "\\.")} · accuracy [\\d.]+% ${settings("0.00112")} ` +
      `📌 pinned \\(dashed\\): final loss ${first.loss.replace(".", "\\.")} · accuracy [\\d.]+% ${settings("0.001")}$`));
    const shots = join(ROOT, "build", "screenshots");
    mkdirSync(shots, { recursive: true });
    await page.locator(root).screenshot({ path: join(shots, "playground-pinned.png") });
    // SGD at α 1000: every output certain, half of them wrong; the loss sits at the clip of log(1e-8) and says so
    await page.selectOption(`${root} select`, "sgd");
    const alphaBox = `${root} input[aria-label^="α"]`;
    await page.fill(alphaBox, "1000");
    await page.press(alphaBox, "Enter");
    await page.waitForFunction(`(() => { const r = document.querySelector("${root}"); return r.dataset.state === "done" && /α 1000,/.test(r.querySelector("output").textContent); })()`, undefined, { timeout: 5000 });
    const clipped = await state();
    assert.is(clipped.loss, (Math.log(1e8) / 2).toFixed(4));
    assert.match(clipped.readout, /\(SGD, α 1000, 10 hidden units, 2000 epochs\) ⚠ the loss is stuck at the clip of log\(1e-8\): the output saturated \(since epoch \d+\)\. \d+ of 300 samples are predicted wrongly with certainty;/);
    assert.match(clipped.readout, / 📌 pinned \(dashed\): final loss \d\.\d{4} · /, "the pinned run left the readout");
    assert.equal((await lines("loss")).map(([c]) => c), [colorOf("sgd"), two[1]![0]]);
    // unpin: one curve again, and the keyboard stays in the pin bar
    await page.focus(`${root} .rms-pg-unpin`);
    await page.keyboard.press("Enter");
    assert.equal([await lines("loss"), await lines("accuracy"), (await lines("valley")).length], [[[colorOf("sgd"), ""]], [[colorOf("sgd"), ""]], 1]);
    const unpinned = await state();
    assert.not.match(unpinned.readout, /pinned/);
    assert.not.ok(await text("loss").then((l) => l.includes("pinned")), "the legend still names the pinned run");
    assert.equal(await page.evaluate(`[document.querySelector("${root}").dataset.pinned, document.activeElement.className]`), [undefined, "rms-pg-pin"]);
    assert.equal(requests, [], "network requests");
    assert.equal(problems, [], "console errors or warnings");
    console.log(`  (pinned ${first.loss}; redraw over it ${redraw} ms; SGD at α 1000: ${clipped.loss})`);
    await page.close();
  } finally {
    await browser.close();
  }
});

for (const s of SIBLING_PLAYGROUNDS) {
  test(`${s.book}: its playground, in the handout from disk, starts at §6's ${s.optimizer} run and redraws live`, async () => {
    const f = built.get(s.book);
    assert.ok(f, "execution failed above");
    const browser = await launchChromium();
    try {
      for (const file of [f!.html, f!.noInput]) {
        const { page, problems, requests, root, first } = await openPlayground(browser, file);
        const row = (await page.evaluate(finalLossOf(s.row))) as string | null;
        assert.ok(row, `no row ${s.row} in the results table`);
        assert.is(first.loss, row, "the playground's final loss is not the one §6's table shows for its run");
        assert.match(first.readout, new RegExp(`^final loss ${row!.replace(".", "\\.")} · accuracy [\\d.]+% \\(${s.optimizer}, α `));
        assert.is(first.valleyState, "done");
        // one optimizer: nothing to choose, and only the settings it uses are shown, each with a name
        assert.is(await page.locator(`${root} select`).count(), 0, "a choice of optimizer");
        assert.is((await page.locator(`${root} .rms-pg-controls strong`).innerText()).trim(), s.optimizer);
        const labels = (await page.evaluate(LABELS)) as { tag: string; name: string }[];
        assert.equal(labels.filter((l) => !l.name.trim()), [], "controls without a label");
        if (s.unused) {
          assert.is(await page.locator(`${root} input[aria-label^="${s.unused}"]`).first().isVisible(), false, `${s.unused} is shown`);
        }
        // from the keyboard: α's slider retrains on the spiral and leaves the valley (its own α) as it was
        await page.focus(`${root} input[type=range][id$="-lr"]`);
        const t = Date.now();
        await page.keyboard.press("ArrowRight");
        await page.waitForFunction(`(() => { const r = document.querySelector("${root}"); return r.dataset.state === "done" && r.dataset.finalLoss !== "${first.loss}"; })()`, undefined, { timeout: 5000 });
        const redraw = Date.now() - t;
        assert.ok(redraw < 1000, `the redraw took ${redraw} ms`);
        const moved = (await page.evaluate(PLAYGROUND)) as PlaygroundState;
        assert.is.not(moved.paths, first.paths, "the charts did not change");
        assert.is(moved.valleyEnd, first.valleyEnd, "the spiral's α moved the valley's path");
        // the valley's steps, typed: the path changes, the spiral's run stays
        await page.fill(`${root} input[aria-label^="valley steps"]`, "5");
        await page.press(`${root} input[aria-label^="valley steps"]`, "Enter");
        await page.waitForFunction(`document.querySelector("${root}").dataset.valleyEnd !== "${moved.valleyEnd}"`, undefined, { timeout: 1000 });
        const stepped = (await page.evaluate(PLAYGROUND)) as PlaygroundState;
        assert.equal([stepped.state, stepped.loss, stepped.readout], [moved.state, moved.loss, moved.readout], "the valley's steps retrained the spiral");
        // a refused value: the library's error at the control
        await page.fill(`${root} input[aria-label^="valley steps"]`, "1000");
        await page.press(`${root} input[aria-label^="valley steps"]`, "Enter");
        assert.equal(((await page.evaluate(PLAYGROUND)) as PlaygroundState).errors, ["invalid valleySteps: 1000 (expected an integer in [1, 200])"]);
        await page.click(`${root} button`);
        await page.waitForFunction(`(() => { const r = document.querySelector("${root}"); return r.dataset.state === "done" && r.dataset.finalLoss === "${first.loss}"; })()`, undefined, { timeout: 5000 });
        assert.is(((await page.evaluate(PLAYGROUND)) as PlaygroundState).valleyEnd, first.valleyEnd);
        assert.equal(requests, [], "network requests");
        assert.equal(problems, [], "console errors or warnings");
        console.log(`  (${basename(file)}: ${first.readout}; redraw after a key press ${redraw} ms)`);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
}

test.run();
