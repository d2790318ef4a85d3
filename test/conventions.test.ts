/**
 * Jupyter's conventions on the library's side (issue 20): values that show themselves through
 * `[Symbol.for("Jupyter.display")]()` (charts, DataFrames, runs, matrices) and chart calls that need only data.
 * The kernel's side, through a real kernel, is in test/kernel.test.ts.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ValidationError } from "../src/errors";
import { fromNested, zeros } from "../src/matrix";
import { danfo } from "../src/notebook/dataframe";
import { frameOf, RESULT_DECIMALS, richOf, runsFrame } from "../src/notebook/frames";
import { chart, chartsHtml, DISPLAY, isSvgDocument, matrixText, type Displayable } from "../src/notebook/jupyter";
import { frameToHtml } from "../src/notebook/table";
import { MORE_COLORS, OPTIMIZER_COLORS } from "../src/plots/dom";
import { chartImg } from "../src/plots/figure";
import { lineChart, withDefaults } from "../src/plots/line";
import { lossCurvesChart } from "../src/plots/loss-curves";
import { train } from "../src/train/experiments";

const run = train({ optimizer: "rmsprop", lr: 0.01, epochs: 20 });
const other = train({ optimizer: "adagrad", lr: 0.1, epochs: 20 });
const shown = (v: unknown) => (v as Displayable)[DISPLAY]();

test("chart calls need only data: colour and label default from the optimizer's name, as if given", () => {
  const values = run.losses;
  const explicit = lossCurvesChart([{ label: "rmsprop", values, color: OPTIMIZER_COLORS.rmsprop }]);
  assert.is(lossCurvesChart([{ label: "rmsprop", values }]), explicit);
  assert.is(lossCurvesChart([{ optimizer: "rmsprop", label: "rmsprop", values }]), explicit);
  // an optimizer's own label, by name or by its label
  const named = lossCurvesChart([{ label: "RMSProp", values, color: OPTIMIZER_COLORS.rmsprop }, { label: "AdaGrad", values: other.losses, color: OPTIMIZER_COLORS.adagrad }]);
  assert.is(lossCurvesChart([{ optimizer: "rmsprop", values }, { label: "AdaGrad", values: other.losses }]), named);
  assert.is.not(lossCurvesChart([{ label: "rmsprop", values }]), lossCurvesChart([{ label: "rmsprop", values, color: "#000000" }]));
});

test("defaults: a repeated optimizer or a line of none takes the next free colour; labels stay distinct", () => {
  const v = [1, 2, 3];
  const drawn = withDefaults([{ optimizer: "rmsprop", values: v }, { optimizer: "rmsprop", values: v }, { values: v },
    { label: "mine", values: v, color: MORE_COLORS[1] }, { label: "adam", values: v }]);
  assert.equal(drawn.map((s) => [s.label, s.color]), [
    ["RMSProp", OPTIMIZER_COLORS.rmsprop], ["RMSProp (2)", MORE_COLORS[0]], ["series 3", MORE_COLORS[2]],
    ["mine", MORE_COLORS[1]], ["adam", OPTIMIZER_COLORS.adam],
  ]);
  // a series with both is the caller's, untouched (so existing charts stay byte-identical)
  const given = { label: "x", values: v, color: "#123456", dashed: true };
  assert.is(withDefaults([given])[0], given);
  assert.match(lineChart([{ values: v }], { title: "t", xLabel: "x", yLabel: "y" }), /series 1/);
});

test("a chart as a value: the same <img> showChart displays, a short text form; bad input is a ValidationError", () => {
  const svg = lossCurvesChart([{ optimizer: "rmsprop", values: run.losses }], { title: "One run" });
  assert.ok(isSvgDocument(svg));
  assert.not.ok(isSvgDocument("<svgx/>") || isSvgDocument("an <svg> in text") || isSvgDocument(3));
  const one = shown(chart(svg));
  assert.is(one["text/html"], chartImg(svg));
  assert.match(String(one["text/plain"]), /^Chart "One run" \(\d+×\d+\)$/);
  const two = shown(chart(svg, svg));
  assert.is(two["text/html"], chartsHtml([svg, svg]));
  assert.match(String(two["text/html"]), /^<div style="display: flex;[^>]*>(<img [^>]+>){2}<\/div>$/);
  assert.throws(() => chart(), (e: unknown) => e instanceof ValidationError && e.parameter === "charts");
  assert.throws(() => chart(svg, "<p>no</p>"), (e: unknown) => e instanceof ValidationError && e.message.startsWith('invalid charts[1]: "<p>no</p>"'));
});

test("a DataFrame shows as the table showTable makes, also after sorting, filtering and grouping", () => {
  const frame = runsFrame([run, other]);
  const out = shown(frame);
  assert.is(out["text/html"], frameToHtml(frame, { decimals: RESULT_DECIMALS }));
  assert.match(String(out["text/plain"]), /final loss/);
  const sorted = frame.sortValues("final loss");
  assert.equal(sorted.column("run").values, run.losses[19]! < other.losses[19]! ? ["RMSProp", "AdaGrad"] : ["AdaGrad", "RMSProp"]);
  assert.match(String(shown(sorted)["text/html"]), new RegExp(`>${Math.min(run.losses[19]!, other.losses[19]!).toFixed(4)}</td>`));
  const seeds = frameOf([{ optimizer: "a", loss: 1 }, { optimizer: "b", loss: 2 }, { optimizer: "a", loss: 3 }]);
  const grouped = seeds.groupby(["optimizer"]).agg({ loss: "mean" });
  assert.equal([grouped.columns, grouped.values], [["optimizer", "loss_mean"], [["a", 2], ["b", 2]]]);
  assert.match(String(shown(grouped)["text/html"]), /<th style="text-align: left;">loss_mean<\/th>/);
  const filtered = seeds.query(seeds.column("loss").gt(1.5));
  assert.equal(filtered.values, [["b", 2], ["a", 3]]);
  // a Series is one column
  assert.is(shown(seeds.column("loss"))["text/html"], frameToHtml({ columns: ["loss"], values: [[1], [2], [3]] }, { decimals: RESULT_DECIMALS }));
  // a frame a learner makes with danfojs directly shows the same way
  const own = new (danfo().DataFrame)({ x: [1, 2] });
  assert.is(shown(own)["text/html"], frameToHtml({ columns: ["x"], values: [[1], [2]] }));
});

test("a matrix shows its shape and a few values, as numpy elides a large array", () => {
  assert.is(matrixText(fromNested([[1, 2.5], [3, -4.123456]])), "Matrix 2×2\n[[     1,    2.5],\n [     3, -4.123]]");
  const big = zeros(400, 10);
  big.data[0] = 0.5;
  big.data[big.data.length - 1] = 7;
  const text = matrixText(big);
  assert.is(text.split("\n").length, 8);
  assert.is(text.split("\n")[0], "Matrix 400×10");
  assert.is(text.split("\n")[1], "[[0.5,   0,   0,   …,   0,   0,   0],");
  assert.is(text.split("\n")[4], " …,");
  assert.is(text.split("\n")[7], " [  0,   0,   0,   …,   0,   0,   7]]");
  assert.is(matrixText(zeros(0, 3)), "Matrix 0×3\n[]");
});

test("richOf: the library's values without a display method (chart strings, runs, matrices), nothing else", () => {
  const svg = lossCurvesChart([{ optimizer: "rmsprop", values: run.losses }]);
  assert.is(shown(richOf(svg))["text/html"], chartImg(svg));
  assert.is(shown(richOf(run))["text/html"], frameToHtml(runsFrame([run]), { decimals: RESULT_DECIMALS }));
  assert.is(shown(richOf([run, other]))["text/html"], frameToHtml(runsFrame([run, other]), { decimals: RESULT_DECIMALS }));
  assert.is(shown(richOf(fromNested([[1]])))["text/plain"], "Matrix 1×1\n[[1]]");
  for (const v of [1, "text", "<svg but not a document", [], [1, 2], { rows: 1, cols: 1, data: [1] }, null]) assert.is(richOf(v), undefined);
});

test.run();

test("the public API: a few groups, no test hooks or internals in any of them", async () => {
  const rms = await import("../src/index");
  assert.equal(Object.keys(rms).sort(), [
    "ValidationError", "data", "exercises", "explain", "matrix", "nn", "optim", "plots", "show", "text", "train",
  ]);
  const internals = ["parallelUsage", "workerCount", "Workspace", "checkData", "richOf", "defaultDocument",
    "prepare", "runPrepared", "checkPositive", "checkInteger"];
  for (const [group, names] of Object.entries(rms)) {
    if (typeof names !== "object" || names === null) continue;
    const leaked = Object.keys(names).filter((n) => internals.includes(n));
    assert.equal(leaked, [], `rms.${group} exports ${leaked.join(", ")}`);
  }
  // every optimizer of the registry is public under its name, so a new entry needs no edit here
  for (const name of rms.optim.OPTIMIZER_NAMES) assert.type((rms.optim as Record<string, unknown>)[name], "function", name);
});
