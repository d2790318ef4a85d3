import { JSDOM } from "jsdom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { simulateAccumulation } from "../src/data/simulation";
import { accumulationChart } from "../src/plots/accumulation";
import { COLORS } from "../src/plots/dom";
import { lossCurvesChart } from "../src/plots/loss-curves";
import { compareOriginal } from "../src/train/experiments";
import { matchSnapshot } from "./snapshot";

const runs = compareOriginal(() => undefined, 2000);
const curves = [
  { label: "Vanilla SGD", values: runs[0]!.losses, color: COLORS.sgd },
  { label: "AdaGrad", values: runs[1]!.losses, color: COLORS.adagrad },
  { label: "RMSProp", values: runs[2]!.losses, color: COLORS.rmsprop },
];

function parse(html: string): Document {
  return new JSDOM(`<!DOCTYPE html><body>${html}</body>`).window.document;
}

test("§4 two-panel chart: snapshot, two titled figures, legends, axis labels, the original's colours", () => {
  const html = accumulationChart(simulateAccumulation());
  matchSnapshot("accumulation", "html", html);
  const doc = parse(html);
  assert.equal([...doc.querySelectorAll("figure > h2")].map((h) => h.textContent), ["Gradient Accumulation", "Learning Rate Evolution"]);
  assert.is(doc.querySelectorAll("figure svg[viewBox]").length, 2);
  const text = doc.body.textContent ?? "";
  for (const s of ["Iteration", "Accumulated squared gradients", "Effective learning rate", "AdaGrad (sum)", "RMSProp (exp. avg)", "AdaGrad (vanishes)", "RMSProp (stable)"]) {
    assert.ok(text.includes(s), `missing text ${s}`);
  }
  const strokes = new Set([...doc.querySelectorAll("path[stroke]")].map((p) => p.getAttribute("stroke")));
  assert.ok(strokes.has(COLORS.simAdagrad) && strokes.has(COLORS.simRmsprop), `line colours ${[...strokes].join(", ")}`);
});

test("§8 loss curves: snapshot, title, axes, one line per optimizer in its colour", () => {
  const html = lossCurvesChart(curves);
  matchSnapshot("loss-curves", "html", html);
  const doc = parse(html);
  assert.is(doc.querySelector("figure > h2")?.textContent, "Loss Curves: RMSProp vs AdaGrad vs SGD");
  const text = doc.body.textContent ?? "";
  for (const s of ["Epoch", "Loss", "Vanilla SGD", "AdaGrad", "RMSProp"]) assert.ok(text.includes(s), `missing ${s}`);
  const lines = [...doc.querySelectorAll("svg g[aria-label='line'] path")].map((p) => p.getAttribute("stroke"));
  assert.equal(lines.sort(), [COLORS.sgd, COLORS.adagrad, COLORS.rmsprop].sort());
});

test("charts draw into a document the caller gives, and leave no global window behind", () => {
  const doc = new JSDOM("").window.document;
  const html = lossCurvesChart(curves.slice(0, 1), { document: doc, width: 300, height: 200 });
  assert.match(html, /<svg[^>]*width="300"/);
  assert.is((globalThis as { window?: unknown }).window, undefined);
  assert.is((globalThis as { document?: unknown }).document, undefined);
});

test("a diverged (NaN) series is refused with a clear error, never drawn as an empty line", () => {
  const bad = Float64Array.of(0.7, 0.6, Number.NaN);
  assert.throws(() => lossCurvesChart([{ label: "SGD", values: bad, color: COLORS.sgd }]), /cannot plot SGD: value NaN at index 2/);
});

test.run();
