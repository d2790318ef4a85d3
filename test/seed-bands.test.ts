/**
 * The charts of evidence over seeds: final loss against α with a band per optimizer, and the β × α heat map whose
 * cells print mean ± sd. Built from spreads computed here (seedSpread of given values), so the snapshots are exact.
 */
import { JSDOM } from "jsdom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ValidationError } from "../src/errors";
import { bandOf, seedBandsChart, seedHeatmap } from "../src/plots/seed-bands";
import { seedSpread, type SeedRuns } from "../src/train/seeds";
import { matchSnapshot } from "./snapshot";

/** A SeedRuns with only what the charts read: the config's α and the spread of the given final losses. */
function fake(optimizer: string, lr: number, losses: number[]): SeedRuns {
  const finite = losses.filter((v) => !Number.isNaN(v));
  const nan = { n: 0, mean: NaN, sd: NaN, min: NaN, max: NaN };
  return {
    config: { optimizer, lr }, seeds: losses.map((_, i) => 42 + i), dataSeeds: [42], runs: [],
    finalLosses: Float64Array.from(losses), finalAccuracies: Float64Array.from(losses, () => 0.5),
    diverged: losses.length - finite.length,
    loss: finite.length ? seedSpread(finite) : nan, accuracy: finite.length ? seedSpread(finite.map(() => 0.5)) : nan,
  };
}

const parse = (svg: string) => new JSDOM(svg, { contentType: "image/svg+xml" }).window.document;

test("bandOf: min–max by default, mean ± sd on request", () => {
  const s = seedSpread([1, 2, 3, 6]);
  assert.equal(bandOf(s), [1, 6]);
  assert.equal(bandOf(s, "sd"), [3 - s.sd, 3 + s.sd]);
});

test("seedBandsChart: one line and band per optimizer on a log α axis; a setting with no finite run is named", () => {
  const chart = seedBandsChart([
    { label: "AdaGrad", color: "#009E73", runs: [fake("adagrad", 0.01, [0.64, 0.63, 0.65]), fake("adagrad", 1, [0.55, 0.6, 0.64])] },
    { label: "Adam", color: "#CC79A7", runs: [fake("adam", 0.01, [0.52, 0.6, 0.62]), fake("adam", 1, [NaN, NaN, NaN])] },
  ], { title: "final loss against α" });
  matchSnapshot("seed-bands", "svg", chart);
  const doc = parse(chart);
  assert.is(doc.querySelector("parsererror"), null);
  const text = doc.documentElement.textContent ?? "";
  for (const s of ["final loss against α", "learning rate α", "AdaGrad", "Adam", "over 3 runs per point", "Every run diverged: Adam at α 1"]) {
    assert.ok(text.includes(s), `missing ${s}`);
  }
  assert.is(doc.querySelectorAll("g[aria-label='area'] path").length, 2, "one band per optimizer");
  const sd = seedBandsChart([{ label: "AdaGrad", color: "#009E73", runs: [fake("adagrad", 0.01, [0.6, 0.7])] }],
    { title: "t", band: "sd" });
  assert.match(sd, /mean ± sd/);
});

test("seedBandsChart refuses bad input with the library's ValidationError", () => {
  assert.throws(() => seedBandsChart([], { title: "t" }), (e: unknown) => e instanceof ValidationError && /bands/.test((e as Error).message));
  const bands = [{ label: "A", color: "#000", runs: [fake("sgd", 0.1, [0.6])] }];
  assert.throws(() => seedBandsChart(bands, { title: "t", band: "iqr" as "sd" }), (e: unknown) => e instanceof ValidationError && /band/.test((e as Error).message));
  const noLr = [{ label: "A", color: "#000", runs: [{ ...fake("sgd", 0.1, [0.6]), config: { optimizer: "sgd" } }] }];
  assert.throws(() => seedBandsChart(noLr, { title: "t" }), (e: unknown) => e instanceof ValidationError && /config\.lr/.test((e as Error).message));
});

test("seedHeatmap: every cell labelled mean ± sd, a cell with no finite run says diverged", () => {
  const cells = [0.9, 0.99].flatMap((b, i) => [0.001, 0.01].map((lr, j) => ({
    x: String(lr), y: String(b),
    spread: i === 1 && j === 1 ? { n: 0, mean: NaN, sd: NaN, min: NaN, max: NaN } : seedSpread([0.6 + 0.01 * i, 0.62 + 0.01 * j]),
  })));
  const heat = seedHeatmap(cells, { title: "grid", xLabel: "learning rate α", yLabel: "β", valueLabel: "mean final loss" });
  matchSnapshot("seed-heatmap", "svg", heat);
  const doc = parse(heat);
  assert.is(doc.querySelector("parsererror"), null);
  const labels = [...doc.querySelectorAll("g[aria-label='text'] text")].map((t) => t.textContent);
  assert.equal(labels, ["0.610± 0.014", "0.615± 0.021", "0.615± 0.007", "diverged"]);
  assert.match(doc.documentElement.textContent ?? "", /mean ± sd over 2 runs/);
  assert.throws(() => seedHeatmap([], { title: "t", xLabel: "x", yLabel: "y", valueLabel: "v" }), (e: unknown) => e instanceof ValidationError);
});

test.run();
