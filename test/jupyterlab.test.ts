/**
 * The learner's path in JupyterLab 4 (from the project venv), driven in Debian's Chromium: for every notebook,
 * Run All from the Run menu, then what is on screen; for 7_6 also restart + Run All, editing the RMSProp rule's cell
 * and a learning rate, interrupting a long cell, errors, saving; and the executed notebooks of `npm run handouts`
 * opened untrusted.
 * Works on temporary copies, in a JupyterLab with fresh Jupyter folders (nothing trusted, no user settings).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Browser } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { startServer, type RunningServer } from "../scripts/lib/jupyter-server";
import { jupyterEnv, notebooks, ROOT, venvBin } from "../scripts/lib/pipeline";
import { scratchNotebooks } from "./e2e/kernel-client";
import { Lab, LAB_SETTINGS, launchChromium, type CellState, type NbOutput } from "./e2e/lab";
import { controlNames, finalLossOf, RMSPROP_PLAYGROUND_CONTROLS, SIBLING_PLAYGROUNDS } from "./e2e/playground";

const books = notebooks().map((p) => basename(p));
const dir = scratchNotebooks();
/** A copy of 7_6 of its own for each scenario below, so that each starts with a fresh kernel. */
function copyOf76(scenario: string): string {
  const name = `7_6_rmsprop.${scenario}.ipynb`;
  copyFileSync(join(ROOT, "notebooks", "7_6_rmsprop.ipynb"), join(dir, name));
  return name;
}
const executedDir = join(dir, "executed");
let server: RunningServer | undefined;
let browser: Browser | undefined;
const runAllSeconds: Record<string, number> = {};

const text = (o: NbOutput) => [o.text, ...Object.values(o.data ?? {})].map((v) => (Array.isArray(v) ? v.join("") : String(v ?? ""))).join("");
const html = (o: NbOutput) => String(o.data?.["text/html"] ?? "");
/** Chart outputs of a cell: <img>s of SVG documents (src/plots/figure.ts). */
const imgsIn = (o: NbOutput) => (html(o).match(/<img src="data:image\/svg\+xml;base64,/g) ?? []).length;
/** The playground's output (src/notebook/playground.ts): a static picture that its script replaces where it runs. */
const isPlayground = (o: NbOutput) => html(o).includes("data-rms-playground");
/** Charts that stay as they are: every chart but the playground's static picture. */
const chartsIn = (outputs: NbOutput[]) => outputs.reduce((n, o) => n + (isPlayground(o) ? 0 : imgsIn(o)), 0);
/** Runs in the page: the playground's state, final loss and readout; whether its static picture is on screen. */
const PLAYGROUND = `(() => {
  // the output holding it: in an untrusted notebook JupyterLab's sanitizer may drop the playground's attributes
  const outs = [...window.jupyterapp.shell.currentWidget.node.querySelectorAll(".jp-OutputArea-output")];
  const out = outs.find((o) => o.querySelector("[data-rms-playground], .rms-playground") || o.textContent.includes("This is a static picture"));
  if (!out) return null;
  const root = out.querySelector("[data-rms-playground]") ?? out;
  const img = root.querySelector("img");
  return { state: root.dataset.state ?? null, loss: root.dataset.finalLoss ?? null,
    readout: root.querySelector("output")?.textContent ?? "",
    controls: [...root.querySelectorAll("input, select")].filter((c) => c.getClientRects().length > 0).length,
    staticPicture: img ? img.getBoundingClientRect().width : 0, text: root.textContent };
})()`;
type PlaygroundState = { state: string | null; loss: string | null; readout: string; controls: number; staticPicture: number; text: string };
const tablesIn = (outputs: NbOutput[]) => outputs.reduce((n, o) => n + (html(o).match(/<table/g) ?? []).length, 0);
const problems = (cells: CellState[]) => cells.flatMap((c, i) => c.outputs
  .filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"))
  .map((o) => `cell ${i + 1}: ${o.ename ?? o.name}: ${(o.evalue ?? o.text ?? "").slice(0, 300)}`));
/** What a cell's outputs show, for comparing two runs (display ids of live updates differ between runs). */
const shown = (cells: CellState[]) => cells.map((c) => JSON.stringify(c.outputs.map((o) => ({ type: o.output_type, text: text(o) }))));
/** The cells whose outputs differ between two runs, each with where the texts first part. */
function differences(a: string[], b: string[]): string[] {
  return a.flatMap((x, i) => {
    if (x === b[i]) return [];
    let k = 0;
    while (k < x.length && x[k] === b[i]?.[k]) k++;
    return [`cell ${i + 1} at ${k}: ${JSON.stringify(x.slice(Math.max(0, k - 40), k + 40))} vs ${JSON.stringify((b[i] ?? "").slice(Math.max(0, k - 40), k + 40))}`];
  });
}

test.before(async () => {
  // the executed notebooks `npm run handouts` makes, beside the copies to run
  mkdirSync(executedDir);
  symlinkSync(join(ROOT, "node_modules"), join(executedDir, "node_modules"));
  for (const nb of notebooks()) {
    execFileSync(venvBin("python"), [join(ROOT, "scripts", "execute_notebook.py"), nb, join(executedDir, basename(nb))],
      { stdio: ["ignore", "ignore", "pipe"], env: jupyterEnv() });
  }
  server = await startServer(dir, { settings: LAB_SETTINGS, exposeApp: true });
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`\nRun All in JupyterLab: ${Object.entries(runAllSeconds).map(([b, s]) => `${b} ${s.toFixed(1)} s`).join(", ")}`);
});

for (const book of books) {
  test(`${book}: Run All from the Run menu; every cell runs, no error, charts, tables and math visible`, async () => {
    const lab = await Lab.open(browser!, server!, book);
    try {
      runAllSeconds[book] = await lab.runAll();
      const cells = await lab.cells();
      assert.equal(cells.map((c) => c.prompt), cells.map((_c, i) => `[${i + 1}]:`), "execution counts");
      assert.equal(problems(cells), [], "error output");
      const v = await lab.visible();
      const charts = chartsIn(cells.flatMap((c) => c.outputs));
      assert.ok(charts >= 3, `${charts} chart outputs`);
      assert.is(v.charts, charts, `${v.charts} of ${charts} charts visible (${v.brokenCharts} not drawn)`);
      assert.is(v.tables, tablesIn(cells.flatMap((c) => c.outputs)), "tables not visible");
      assert.ok(v.math >= 3, `${v.math} formulas rendered by MathJax`);
      assert.is(v.rawMath, 0, "TeX left unrendered");
      assert.is(v.trusted, true, "outputs made in this session should be trusted");
      assert.equal(lab.pageErrors, []);
      // the playground, live in the trusted notebook, from where the notebook starts it: 7_6 from the final loss §7
      // printed, the others from their §6 table's run (test/e2e/playground.ts)
      const sibling = SIBLING_PLAYGROUNDS.find((p) => p.book === book);
      const startLoss = sibling
        ? ((await lab.page.evaluate(finalLossOf(sibling.row))) as string | null)
        : /Training RMSProp\.\.\.\s*Final Loss: (\d\.\d{4})/.exec(cells.map((c) => c.outputs.map(text).join("")).join(""))?.[1];
      assert.ok(startLoss, "the run the playground starts from was not found");
      await lab.page.waitForFunction(`${PLAYGROUND}?.state === "done"`, undefined, { timeout: 15_000 });
      const pg = (await lab.page.evaluate(PLAYGROUND)) as PlaygroundState;
      assert.is(pg.loss, startLoss);
      assert.match(pg.readout, new RegExp(`^final loss ${startLoss!.replace(".", "\\.")} `));
      assert.is(pg.staticPicture, 0, "the static picture is still shown");
      assert.is(pg.controls, sibling?.controls ?? RMSPROP_PLAYGROUND_CONTROLS, "controls on screen");
      // as in the handout: every control named; the keyboard reaches the controls (JupyterLab's notebook handles the
      // keys of its command mode on an ancestor, and the playground keeps them): Tab from the reset button to α's
      // slider, an arrow key there retrains and redraws, Tab goes on to α's box, and Enter there commits a value the
      // library refuses, whose error shows at the control. Meanwhile no request leaves JupyterLab's server and
      // nothing is logged as an error.
      const pgRoot = ".jp-OutputArea-output [data-rms-playground]";
      const away: string[] = [];
      const logged: string[] = [];
      lab.page.on("request", (r) => { if (!r.url().startsWith(server!.baseUrl) && !/^(blob|data):/.test(r.url())) away.push(r.url()); });
      lab.page.on("console", (m) => { if (m.type() === "error") logged.push(m.text()); });
      const unnamed = ((await lab.page.evaluate(controlNames(pgRoot))) as { name: string }[]).filter((c) => !c.name.trim());
      assert.equal(unnamed, [], "controls without a label");
      await lab.page.focus(`${pgRoot} button`);
      await lab.page.keyboard.press("Tab");
      assert.match(String(await lab.page.evaluate("document.activeElement.id")), /-lr$/, "Tab from reset should reach α's slider");
      const t = Date.now();
      await lab.page.keyboard.press("ArrowRight");
      await lab.page.waitForFunction(`${PLAYGROUND}?.state === "done" && ${PLAYGROUND}?.loss !== "${pg.loss}"`, undefined, { timeout: 5000 });
      const redraw = Date.now() - t;
      assert.ok(redraw < 1000, `the redraw took ${redraw} ms`);
      assert.match(((await lab.page.evaluate(PLAYGROUND)) as PlaygroundState).readout, /, α [\d.]+,/);
      await lab.page.keyboard.press("Tab");
      assert.match(String(await lab.page.evaluate("document.activeElement.getAttribute('aria-label')")), /^α, learning rate \(type a value\)$/);
      await lab.page.keyboard.press("Control+A");
      await lab.page.keyboard.type("-1");
      await lab.page.keyboard.press("Enter");
      await lab.page.waitForFunction(`${PLAYGROUND}?.state === "invalid"`, undefined, { timeout: 5000 });
      assert.match(await lab.page.locator(`${pgRoot} .rms-pg-error`).filter({ hasText: "invalid" }).first().innerText(),
        /^invalid lr: -1 \(expected a finite number > 0\)$/);
      // the valley's path redraws too
      const valley = String(await lab.page.evaluate(`document.querySelector("${pgRoot}").dataset.valleyEnd`));
      await lab.page.focus(`${pgRoot} input[type=range][id$="-valleySteps"]`);
      await lab.page.keyboard.press("ArrowLeft");
      await lab.page.waitForFunction(`document.querySelector("${pgRoot}").dataset.valleyEnd !== "${valley}"`, undefined, { timeout: 1000 });
      console.log(`  (JupyterLab, ${book}: the playground redrew ${redraw} ms after an arrow key on α's slider)`);
      assert.equal(lab.pageErrors, []);
      assert.equal(away, [], "requests beyond JupyterLab's server");
      assert.equal(logged, [], "console errors");
      if (book === "7_6_rmsprop.ipynb") {
        // the picture in the README (docs/jupyterlab.png): §4's charts after Run All
        const shot = join(ROOT, "build", "screenshots", "jupyterlab-7_6_rmsprop.png");
        mkdirSync(join(ROOT, "build", "screenshots"), { recursive: true });
        await lab.page.locator(".jp-OutputArea-output img").first().scrollIntoViewIfNeeded();
        await lab.page.screenshot({ path: shot });
        assert.ok(statSync(shot).size > 50_000, "screenshot looks empty");
      }
    } finally {
      await lab.close();
    }
  });
}

test("7_6: restart + Run All gives the same outputs; editing the RMSProp cell or α in §7 changes what §7 prints", async () => {
  const lab = await Lab.open(browser!, server!, copyOf76("restart"));
  try {
    await lab.runAll();
    const first = shown(await lab.cells());

    await lab.toolbar("notebook:restart-run-all");
    await lab.page.locator(".jp-Dialog .jp-mod-accept").click();
    await lab.waitForRunToFinish();
    const restarted = await lab.cells();
    assert.equal(restarted.map((c) => c.prompt), restarted.map((_c, i) => `[${i + 1}]:`), "counts after a restart start at 1");
    assert.equal(differences(shown(restarted), first), [], "outputs differ after restart + Run All");

    const cells = await lab.cells();
    const finals = (t: string) => [...t.matchAll(/Final Loss: ([\d.]+)/g)].map((m) => m[1]);
    const i = cells.findIndex((c) => c.source.includes("const modelRmsprop = fit("));
    assert.ok(i >= 0, "§7 cell not found");
    const before = await lab.outputText(i);
    assert.match(before, /3️⃣ {2}Training RMSProp\.\.\.\n {3}Final Loss: 0\.6372/);

    // the learner edits the taught rule: ε outside the root, then re-runs that cell and §7
    const r = cells.findIndex((c) => c.source.includes("function rmsprop("));
    assert.ok(r >= 0 && r < i, "the RMSProp rule's cell is not above §7");
    const rule = cells[r]!.source;
    const asTaught = "return theta - lr / Math.sqrt(s.meanSquare + eps) * g;";
    assert.ok(rule.includes(asTaught), "the update line is not in the rule's cell");
    await lab.setSource(r, rule.replace(asTaught, "return theta - lr / (Math.sqrt(s.meanSquare) + eps) * g;"));
    await lab.runCell(r);
    await lab.runCell(i);
    const edited = await lab.outputText(i);
    assert.is(finals(edited).length, 3, edited);
    assert.equal(finals(edited).slice(0, 2), finals(before).slice(0, 2), "SGD and AdaGrad should not change");
    assert.is.not(finals(edited)[2], "0.6372", "RMSProp's final loss did not change with its rule");

    // restoring the rule prints the original's number again
    await lab.setSource(r, rule);
    await lab.runCell(r);
    await lab.runCell(i);
    assert.equal(finals(await lab.outputText(i)), finals(before));

    // and a new learning rate in §7's own cell
    assert.ok(cells[i]!.source.includes("rmsprop({ lr: 0.001, beta: 0.9 })"), "the learning rate is not in the cell");
    await lab.setSource(i, cells[i]!.source.replace("rmsprop({ lr: 0.001, beta: 0.9 })", "rmsprop({ lr: 0.01, beta: 0.9 })"));
    await lab.runCell(i);
    const after = await lab.outputText(i);
    assert.is(finals(after).length, 3, after);
    assert.equal(finals(after).slice(0, 2), finals(before).slice(0, 2), "SGD and AdaGrad should not change");
    assert.is.not(finals(after)[2], finals(before)[2], "RMSProp's final loss did not change with its learning rate");
    assert.equal(problems(await lab.cells()), []);
  } finally {
    await lab.close();
  }
});

/**
 * A notebook of `cells` on `kernel`, in the server's folder; Deno's in a folder of its own with a package.json that
 * names the library (Deno imports only the packages a package.json lists, as the project's does).
 */
function scratch(name: string, kernel: "tslab" | "deno", cells: readonly string[]): string {
  const folder = kernel === "deno" ? "deno" : "";
  if (folder && !existsSync(join(dir, folder))) {
    mkdirSync(join(dir, folder));
    symlinkSync(join(ROOT, "node_modules"), join(dir, folder, "node_modules"));
    writeFileSync(join(dir, folder, "package.json"), JSON.stringify({ private: true, dependencies: { "rmsprop-notebooks": "*" } }));
  }
  const path = folder ? `${folder}/${name}` : name;
  const nb = {
    cells: cells.map((source, i) => ({ cell_type: "code", id: `cell-${i}`, metadata: {}, source, execution_count: null, outputs: [] })),
    metadata: { kernelspec: { name: kernel, display_name: kernel, language: "typescript" } },
    nbformat: 4, nbformat_minor: 5,
  };
  writeFileSync(join(dir, path), JSON.stringify(nb));
  return path;
}

/** Runs in the page: each code cell's output prompts (`[n]:` for a last value) and what its outputs show. */
const OUT_AREAS = `[...window.jupyterapp.shell.currentWidget.content.widgets].filter((w) => w.model.type === "code").map((w) => ({
  prompts: [...w.node.querySelectorAll(".jp-OutputArea-child .jp-OutputPrompt")].map((p) => p.textContent.trim()),
  text: [...w.node.querySelectorAll(".jp-OutputArea-output")].map((o) => o.innerText).join("\\n"),
  tables: [...w.node.querySelectorAll(".jp-OutputArea-output table")].filter((t) => t.getBoundingClientRect().height > 0).length,
  charts: [...w.node.querySelectorAll(".jp-OutputArea-output img")]
    .filter((i) => i.src.startsWith("data:image/svg+xml") && i.complete && i.naturalWidth > 0).length,
}))`;
type OutArea = { prompts: string[]; text: string; tables: number; charts: number };

for (const kernel of ["tslab", "deno"] as const) {
  test(`a cell's last value as IPython shows it, on ${kernel === "tslab" ? "the project's kernel" : "Deno's kernel"}: Out[n], tables, charts`, async () => {
    // Deno's kernel knows only the display protocol: a chart function's SVG string is wrapped in rms.show.chart there
    const chart = "rms.plots.lossCurvesChart(rms.plots.curvesOf([run], [\"SGD\"]))";
    const book = scratch(`last-values.${kernel}.ipynb`, kernel, [
      'import * as rms from "rmsprop-notebooks";',
      "1 + 2",
      'const run = rms.train.run({ optimizer: "sgd", lr: 0.01, epochs: 20 });\nrms.show.runsFrame([run], ["SGD"])',
      kernel === "tslab" ? chart : `rms.show.chart(${chart})`,
      "for (let i = 0; i < 60; i++) console.log(`line ${i}`);",
    ]);
    const lab = await Lab.open(browser!, server!, book);
    try {
      await lab.runAll();
      const cells = await lab.cells();
      assert.equal(problems(cells), [], "error output");
      const areas = (await lab.page.evaluate(OUT_AREAS)) as OutArea[];
      const value = cells[1]!.outputs.find((o) => o.output_type === "execute_result");
      assert.ok(value, `1 + 2 gave no execute_result: ${JSON.stringify(cells[1]!.outputs)}`);
      assert.is(text(value!), "3");
      assert.match(cells[1]!.prompt, /^\[2\]:$/);
      assert.equal(areas[1]!.prompts, ["[2]:"], "Out[2] prompt");
      assert.is(areas[1]!.text.trim(), "3");
      assert.ok(cells[2]!.outputs.some((o) => o.output_type === "execute_result" && html(o).includes("<table")), "the DataFrame is not an HTML result");
      assert.is(areas[2]!.tables, 1, "the DataFrame's table on screen");
      assert.match(areas[2]!.text, /SGD/);
      assert.ok(cells[3]!.outputs.some((o) => o.output_type === "execute_result" && imgsIn(o) === 1), "the chart is not an image result");
      assert.is(areas[3]!.charts, 1, "the chart on screen");
      // every line a cell prints is shown with it (Deno's kernel used to report a cell done before its last lines)
      assert.is(areas[4]!.text.trim(), Array.from({ length: 60 }, (_, i) => `line ${i}`).join("\n"));
      if (kernel === "tslab") {
        // JupyterLab's console history: the session's cells, the last one last
        const history = (await lab.page.evaluate(`window.jupyterapp.shell.currentWidget.sessionContext.session.kernel
          .requestHistory({ output: false, raw: true, hist_access_type: "tail", n: 10 }).then((m) => m.content.history.map((h) => h[2]))`)) as string[];
        assert.is(history.at(-1), "for (let i = 0; i < 60; i++) console.log(`line ${i}`);");
        assert.ok(history.includes("1 + 2"), JSON.stringify(history));
      }
      assert.equal(lab.pageErrors, []);
    } finally {
      await lab.close();
    }
  });
}

test("7_6: a long cell interrupted from the toolbar stops, and the kernel keeps its state", async () => {
  const lab = await Lab.open(browser!, server!, copyOf76("interrupt"));
  try {
    await lab.runAll();
    const long = await lab.appendCell("const big = rms.train.run({ optimizer: \"rmsprop\", hidden: 2000, epochs: 100000 }, {}, data);");
    await lab.startCell(long);
    await lab.page.waitForFunction(`[...document.querySelectorAll(".jp-InputPrompt")].some((p) => p.textContent.includes("*"))`);
    await lab.page.waitForTimeout(2000);
    const t = Date.now();
    await lab.toolbar("notebook:interrupt-kernel");
    await lab.waitForKernelIdle(30_000);
    assert.ok(Date.now() - t < 10_000, `the interrupt took ${Date.now() - t} ms`);
    const stopped = (await lab.cells())[long]!;
    assert.is(stopped.outputs[0]?.output_type, "error", JSON.stringify(stopped.outputs).slice(0, 300));
    assert.match(stopped.outputs[0]?.evalue ?? "", /interrupted/);
    const check = await lab.appendCell("console.log(modelSgd.losses.length, rms.train.finalLossLine(modelSgd));");
    await lab.runCell(check);
    assert.is((await lab.outputText(check)).trim(), "2000    Final Loss: 0.6907");
  } finally {
    await lab.close();
  }
});

test("7_6: errors read as errors (the message first, no Node internals or paths); saving writes nbformat 4", async () => {
  const saved = copyOf76("errors");
  const lab = await Lab.open(browser!, server!, saved);
  try {
    await lab.runAll();
    const bad = await lab.appendCell("rms.train.run({ optimizer: \"rmsprop\", lr: -1 });");
    await lab.runCell(bad);
    const typo = await lab.appendCell("const steps: number = \"ten\";");
    await lab.runCell(typo);
    const cells = await lab.cells();
    const e1 = cells[bad]!.outputs;
    assert.is(e1.length, 1);
    assert.equal([e1[0]!.output_type, e1[0]!.ename, e1[0]!.evalue], ["error", "ValidationError", "invalid lr: -1 (expected a finite number > 0)"]);
    const shownBad = await lab.outputText(bad);
    assert.is(shownBad.split("\n")[0], "ValidationError: invalid lr: -1 (expected a finite number > 0)");
    assert.not.match(shownBad, /node:internal|node_modules|evalmachine|\/tmp\/|\/work\//, shownBad);
    assert.match(shownBad, /at Object\.train \(src\/train\/experiments\.ts\)/);
    const e2 = cells[typo]!.outputs;
    assert.equal([e2[0]!.output_type, e2[0]!.ename, e2[0]!.evalue], ["error", "TypeScriptError", "Type 'string' is not assignable to type 'number'."]);
    assert.is((await lab.outputText(typo)).split("\n")[0], "TypeScriptError: Type 'string' is not assignable to type 'number'.");
    assert.match(cells[typo]!.prompt, /^\[\d+\]:$/);

    await lab.save();
    const file = join(dir, saved);
    const check = `import json, sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
code = [c for c in nb.cells if c.cell_type == "code"]
print(json.dumps({"nbformat": nb.nbformat, "code": len(code), "with_outputs": sum(1 for c in code if c.outputs),
  "counts": sum(1 for c in code if c.execution_count)}))`;
    const onDisk = JSON.parse(execFileSync(venvBin("python"), ["-c", check, file], { encoding: "utf8" })) as Record<string, number>;
    assert.is(onDisk.nbformat, 4);
    assert.is(onDisk.code, cells.length);
    assert.is(onDisk.counts, cells.length, "execution counts missing in the saved file");
    // every cell that shows an output in JupyterLab is saved with it (cells that only define functions show none)
    assert.is(onDisk.with_outputs, cells.filter((c) => c.outputs.length > 0).length, "cells saved without their outputs");
    assert.match(readFileSync(file, "utf8"), /"ename": "ValidationError"/);
  } finally {
    await lab.close();
  }
});

for (const book of books) {
  test(`${book}, executed by npm run handouts and opened untrusted: every chart, table and formula is visible`, async () => {
    const lab = await Lab.open(browser!, server!, `executed/${book}`);
    try {
      const v = await lab.visible();
      const nb = JSON.parse(readFileSync(join(executedDir, book), "utf8")) as { cells: { outputs?: NbOutput[] }[] };
      const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
      assert.is(v.trusted, false, "a downloaded notebook should open untrusted");
      // untrusted, the playground stays its static picture: one more chart on screen
      const expected = chartsIn(outputs) + outputs.filter(isPlayground).reduce((n, o) => n + imgsIn(o), 0);
      assert.ok(chartsIn(outputs) >= 3, `${chartsIn(outputs)} charts in the file`);
      assert.is(v.charts, expected, `${v.charts} of ${expected} charts visible (${v.brokenCharts} not drawn)`);
      assert.is(v.tables, tablesIn(outputs), "tables not visible");
      assert.ok(v.math >= 3 && v.rawMath === 0, "math not rendered");
      assert.equal(lab.pageErrors, []);
      // untrusted: JupyterLab runs no script, so the playground stays its static picture, with the line saying why
      const pg = (await lab.page.evaluate(PLAYGROUND)) as PlaygroundState;
      assert.ok(pg && pg.state === null && pg.staticPicture > 300, JSON.stringify(pg).slice(0, 300));
      assert.match(pg.text, /This is a static picture\. The live playground,.* once the notebook is trusted/);
    } finally {
      await lab.close();
    }
  });
}

test.run();
