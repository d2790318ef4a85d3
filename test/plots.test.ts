import { JSDOM } from "jsdom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { simulateAccumulation, simulateSparseDense } from "../src/train/simulation";
import { accumulationChart } from "../src/plots/accumulation";
import { COLORS } from "../src/plots/dom";
import { chartImg, svgSize } from "../src/plots/figure";
import { lossCurvesChart } from "../src/plots/loss-curves";
import { compareOriginal } from "../src/train/experiments";
import { matchSnapshot } from "./snapshot";
import { generateSpiralData } from "../src/data/spiral";
import { initParams } from "../src/nn/mlp";
import { gridAround, predictGrid } from "../src/nn/predict";
import { createOptimizer } from "../src/optim/index";
import { decisionBoundaryChart } from "../src/plots/boundary";
import { heatmapChart } from "../src/plots/heatmap";
import { lineChart, logAxis } from "../src/plots/line";
import { sparseDenseCharts } from "../src/plots/sparse-dense";
import { trajectoryOverlay, trajectoryPanels } from "../src/plots/trajectory";
import { minimize, objective } from "../src/train/minimize";

const runs = compareOriginal(() => undefined, 2000);
const curves = [
  { label: "Vanilla SGD", values: runs[0]!.losses, color: COLORS.sgd },
  { label: "AdaGrad", values: runs[1]!.losses, color: COLORS.adagrad },
  { label: "RMSProp", values: runs[2]!.losses, color: COLORS.rmsprop },
];

/** A chart as the XML document it is; fails on anything that is not well-formed standalone SVG. */
function parse(svg: string): Document {
  const doc = new JSDOM(svg, { contentType: "image/svg+xml" }).window.document;
  assert.is(doc.querySelector("parsererror"), null, "not well-formed XML");
  const root = doc.documentElement;
  assert.is(root.tagName, "svg");
  assert.is(root.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assert.match(root.getAttribute("viewBox") ?? "", /^0 0 \d+ \d+$/);
  return doc;
}
/** The panel titles of a figure (its bold texts), in order. */
const titles = (doc: Document) => [...doc.querySelectorAll("text[font-weight='bold']")].map((t) => t.textContent);
/** The Plot charts nested in a figure. */
const panels = (doc: Document) => doc.querySelectorAll(":root > svg");

test("§4 two-panel chart: snapshot, two titled panels, legends, axis labels, the original's colours", () => {
  const svg = accumulationChart(simulateAccumulation());
  matchSnapshot("accumulation", "svg", svg);
  const doc = parse(svg);
  assert.equal(titles(doc), ["Gradient Accumulation", "Learning Rate Evolution"]);
  assert.is(panels(doc).length, 2);
  const text = doc.documentElement.textContent ?? "";
  for (const s of ["Iteration", "Accumulated squared gradients", "Effective learning rate", "AdaGrad (sum)", "RMSProp (exp. avg)", "AdaGrad (vanishes)", "RMSProp (stable)"]) {
    assert.ok(text.includes(s), `missing text ${s}`);
  }
  const strokes = new Set([...doc.querySelectorAll("path[stroke]")].map((p) => p.getAttribute("stroke")));
  assert.ok(strokes.has(COLORS.simAdagrad) && strokes.has(COLORS.simRmsprop), `line colours ${[...strokes].join(", ")}`);
});

test("§8 loss curves: snapshot, title, axes, one line per optimizer in its colour", () => {
  const svg = lossCurvesChart(curves);
  matchSnapshot("loss-curves", "svg", svg);
  const doc = parse(svg);
  assert.equal(titles(doc), ["Loss Curves: RMSProp vs AdaGrad vs SGD"]);
  assert.is(doc.querySelector("title")?.textContent, "Loss Curves: RMSProp vs AdaGrad vs SGD");
  const text = doc.documentElement.textContent ?? "";
  for (const s of ["Epoch", "Loss", "Vanilla SGD", "AdaGrad", "RMSProp"]) assert.ok(text.includes(s), `missing ${s}`);
  const lines = [...doc.querySelectorAll("svg g[aria-label='line'] path")].map((p) => p.getAttribute("stroke"));
  assert.equal(lines.sort(), [COLORS.sgd, COLORS.adagrad, COLORS.rmsprop].sort());
});

test("heat map, decision boundary, trajectories and band lines: snapshots, titles, legends, no canvas needed", () => {
  const cells = [0.9, 0.99].flatMap((b, i) => [0.001, 0.01].map((lr, j) => ({ x: String(lr), y: String(b), value: i === 1 && j === 1 ? Number.NaN : 0.6 + 0.01 * (i + j) })));
  const heat = heatmapChart(cells, { title: "grid", xLabel: "learning rate α", yLabel: "β", valueLabel: "final loss" });
  matchSnapshot("heatmap", "svg", heat);
  assert.match(heat, />diverged</);
  assert.match(heat, /final loss/);

  const small = generateSpiralData({ samples: 40 });
  const shape = { nX: 2, nH: 6, nY: 1 };
  const grid = predictGrid(initParams(shape, 5), shape, gridAround(small.X, 20));
  const boundary = decisionBoundaryChart(grid, small, { title: "boundary", subtitle: "untrained" });
  matchSnapshot("boundary", "svg", boundary);
  assert.is((parse(boundary).querySelectorAll("svg g[aria-label='dot'] circle")).length, 40);

  const f = objective("d2l");
  const paths = [{ label: "SGD", color: COLORS.sgd, trajectory: minimize(f, [-5, -2], createOptimizer("sgd", { lr: 0.4 }), 20).trajectory }];
  const traj = trajectoryPanels(f, paths, { domain: { x: [-5.5, 1.5], y: [-3, 3] } });
  matchSnapshot("trajectory", "svg", traj);
  assert.is(parse(traj).querySelectorAll("svg g[aria-label='dot'] circle").length, 21); // x₀ … x₂₀ (the minimum is a star path)

  const band = lineChart([{ label: "median", values: [1, 0.5, 0.25], band: { lo: [0.5, 0.2, 0.1], hi: [2, 1, 1] }, color: "#123456" }],
    { title: "band", xLabel: "Epoch", yLabel: "rate", yLog: true });
  matchSnapshot("band", "svg", band);
  assert.ok(parse(band).querySelector("svg g[aria-label='area'] path"), "band not drawn");
  for (const svg of [heat, boundary, traj, band]) {
    assert.not.match(svg, /<canvas|data:image|<foreignObject/);
    assert.ok(titles(parse(svg)).length >= 1, "untitled chart");
  }
  assert.ok(parse(heat).querySelector("svg[class$='-ramp']"), "heat map without its colour legend");
  assert.ok(parse(boundary).querySelector("svg[class$='-ramp']"), "boundary without its colour legend");
  // the plane shows only the legend's colours: opaque bands (nested translucent ones blended into a grey)
  const bands = parse(boundary).querySelector("svg g[aria-label='contour']")!;
  assert.not.ok(bands.getAttribute("fill-opacity"), "translucent bands stack into colours the legend lacks");
  const legend = new Set([...parse(boundary).querySelectorAll("svg[class$='-ramp'] rect")].map((r) => r.getAttribute("fill")));
  for (const path of bands.querySelectorAll("path")) assert.ok(legend.has(path.getAttribute("fill")), `${path.getAttribute("fill")} not in the legend`);
});

test("a chart is shown as an <img> whose data URL holds the same SVG, sized as the SVG says", () => {
  const svg = lossCurvesChart(curves.slice(0, 1), { width: 320, height: 200 });
  const img = chartImg(svg);
  const m = /^<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" width="(\d+)" height="(\d+)" alt="([^"]*)"/.exec(img);
  assert.ok(m, img.slice(0, 120));
  assert.is(Buffer.from(m![1]!, "base64").toString("utf8"), svg);
  assert.equal([Number(m![2]), Number(m![3])], [svgSize(svg).width, svgSize(svg).height]);
  assert.ok(svgSize(svg).width >= 320, "the figure is at least as wide as its plot");
  assert.is(m![4], "Loss Curves: RMSProp vs AdaGrad vs SGD");
});

test("a y range that cuts a line says so under the title; a line lying on another is dashed and says which", () => {
  const spike = Float64Array.from({ length: 50 }, (_v, i) => (i === 2 ? 1.9 : 0.6 - i / 1000));
  const flat = Float64Array.from({ length: 50 }, () => 0.65);
  const twin = flat.map((v) => v * (1 + 1e-5));
  const svg = lineChart([
    { label: "AdaGrad", values: spike, color: "#009E73" },
    { label: "SGD", values: flat, color: "#D55E00" },
    { label: "Momentum", values: twin, color: "#E69F00" },
  ], { title: "t", xLabel: "Epoch", yLabel: "Loss", yDomain: [0.5, 0.7] });
  const doc = parse(svg);
  const text = doc.documentElement.textContent ?? "";
  assert.match(text, /Off the chart: AdaGrad reaches 1\.90 \(at epoch 3\)\./);
  assert.match(text, /Momentum \(dashed: on top of SGD\)/);
  const dashed = [...doc.querySelectorAll("g[aria-label='line'] [stroke-dasharray] path")].map((p) => p.getAttribute("stroke"));
  assert.equal(dashed, ["#E69F00"]);
  assert.ok(doc.querySelector("clipPath"), "lines are not clipped to the range");
});

test("log axes spanning two decades or more: ticks at powers of ten only, all labelled 10ⁿ (snapshot)", () => {
  const values = Float64Array.from({ length: 60 }, (_v, i) => 10 ** (-14 + i / 5));
  const svg = lineChart([{ label: "gap", values, color: "#0072B2" }], { title: "log", xLabel: "Epoch", yLabel: "gap", yLog: true });
  matchSnapshot("log-axis", "svg", svg);
  const labels = [...parse(svg).querySelectorAll("g[aria-label='y-axis tick label'] text")].map((t) => t.textContent);
  assert.equal(labels, ["10⁻¹⁴", "10⁻¹³", "10⁻¹²", "10⁻¹¹", "10⁻¹⁰", "10⁻⁹", "10⁻⁸", "10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³"]);
  assert.equal(logAxis([0.5, 3]).ticks, undefined, "a short span keeps plain ticks");
});

test("the sparse feature's rate is drawn from its first gradient on, not from α/√ε", () => {
  const sd = simulateSparseDense({ iterations: 100, density: 0.1 });
  const first = sd.sparse.findIndex((v) => v !== 0) + 1;
  const [, rates] = sparseDenseCharts(sd);
  const top = Math.max(...sd.lrSparse.subarray(first - 1), ...sd.lrDense);
  const ticks = [...parse(rates).querySelectorAll("g[aria-label='y-axis tick label'] text")].map((t) => Number(t.textContent));
  assert.ok(first > 1, "the sparse feature has a gradient at step 1: the test says nothing");
  assert.ok(Math.max(...ticks) <= top * 1.01, `the axis goes up to ${Math.max(...ticks)}, above ${top}`);
});

test("charts draw into a document the caller gives, and leave no global window behind", () => {
  const doc = new JSDOM("").window.document;
  const svg = lossCurvesChart(curves.slice(0, 1), { document: doc, width: 300, height: 200 });
  assert.match(svg, /<svg[^>]*width="300"/);
  assert.is((globalThis as { window?: unknown }).window, undefined);
  assert.is((globalThis as { document?: unknown }).document, undefined);
});

test("a diverged (NaN) series is refused with a clear error, never drawn as an empty line", () => {
  const bad = Float64Array.of(0.7, 0.6, Number.NaN);
  assert.throws(() => lossCurvesChart([{ label: "SGD", values: bad, color: COLORS.sgd }]), /cannot plot SGD: value NaN at index 2/);
});

test("a path that flies off is drawn up to where it leaves a box 1000 windows wide, cut on that segment", () => {
  const f = objective("d2l");
  const domain = { x: [-5.5, 1.5], y: [-3, 3] } as const;
  // SGD at α 10 multiplies x₂ by 1 − 40 each step: x₂ = −2·(−39)ᵗ, beyond 3.4·10³⁸ (what a browser's SVG parser
  // reads) by step 24
  const run = minimize(f, [-5, -2], createOptimizer("sgd", { lr: 10 }), 30);
  const svg = trajectoryPanels(f, [{ label: "SGD", color: COLORS.sgd, trajectory: run.trajectory }], { domain, title: "The valley" });
  const doc = parse(svg);
  const line = doc.querySelector("svg g[aria-label='line'] path")!.getAttribute("d")!;
  const numbers = line.match(/-?[\d.]+(e[+-]?\d+)?/g)!.map(Number);
  assert.ok(numbers.every((v) => Number.isFinite(v) && Math.abs(v) < 1e7), line);
  // x₂ leaves the box [−6003, 6003] at step 3 (x₂ = 118638): x₀, x₁, x₂ and the crossing point (the star is a path)
  assert.is(doc.querySelectorAll("svg g[aria-label='dot'] circle").length, 4);
  assert.equal(titles(doc).slice(0, 2), ["The valley", "SGD"]);
  // the subtitle gives the real last point, far off, in 3 significant digits (x₂ = −2·(−39)³⁰)
  assert.match(svg, /after 30 steps: \(-5\.000, -1\.08e\+48\),/);
  assert.match(svg, />2\.33e\+96</); // f, on the next line
});

test("the overlaid valley: one panel, each path in its colour, the legend naming each with f where it ends", () => {
  const f = objective("d2l");
  const paths = (["sgd", "rmsprop"] as const).map((name) => ({ label: name, color: COLORS[name],
    trajectory: minimize(f, [-5, -2], createOptimizer(name, { lr: 0.4 }), 20).trajectory }));
  const svg = trajectoryOverlay(f, paths, { domain: { x: [-5.5, 1.5], y: [-3, 3] }, title: "The valley" });
  const doc = parse(svg);
  assert.is(doc.querySelectorAll("svg g[aria-label='contour']").length, 1, "one panel");
  const strokes = [...doc.querySelectorAll("svg g[aria-label='line'] path")].map((l) => l.parentElement!.getAttribute("stroke"));
  assert.equal(strokes, [COLORS.sgd, COLORS.rmsprop]);
  assert.is(doc.querySelectorAll("svg g[aria-label='dot'] circle").length, 42);
  paths.forEach((p) => {
    const last = p.trajectory[20]!;
    const value = f.value(Float64Array.from(last)).toExponential(2);
    assert.ok(svg.includes(`${p.label}: f = ${value} after 20 steps`), `legend of ${p.label}`);
  });
});

test("a chart's text depends on its data alone: Plot's process-wide clip ids are renumbered per chart", () => {
  const bowl = objective("d2l");
  const draw = () => trajectoryPanels(bowl, [{ label: "SGD", color: "#000000", ...minimize(bowl, [-5, -2], createOptimizer("sgd", { lr: 0.4 }), 20) }],
    { domain: { x: [-5.5, 1.5], y: [-3, 3] } });
  const first = draw();
  assert.match(first, /plot-clip-1\b/);
  assert.is(draw(), first, "the second drawing differs from the first");
});

test.run();
