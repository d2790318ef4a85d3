/**
 * Panel titles are wrapped by their bold width: 7_4's three valley panels (300 px each) once ran into each other,
 * "Momentum, EMA form (α 0.4, β 0.5)" being wider in bold than its regular-weight estimate.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { COLORS } from "../src/plots/dom";
import { trajectoryPanels } from "../src/plots/trajectory";
import { objective } from "../src/train/minimize";

/** The bold <text> lines of a figure, with their x. */
const boldLines = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)"[^>]*font-size="16" font-weight="bold">([^<]*)<\/text>/g)]
  .map((m) => ({ x: Number(m[1]), text: m[2]! }));

test("a panel title too wide in bold for its panel wraps to a second line; a short one does not", () => {
  const path = [[-5, -2], [-4, 1]];
  const svg = trajectoryPanels(objective("d2l"), [
    { label: "SGD (α 0.4)", color: COLORS.sgd, trajectory: path },
    { label: "Momentum, EMA form (α 0.4, β 0.5)", color: "#E69F00", trajectory: path },
    { label: "Heavy ball (α 0.4, β 0.5)", color: "#CC79A7", trajectory: path },
  ], { domain: { x: [-5.5, 1.5], y: [-3, 3] }, width: 300, height: 250 });
  const lines = boldLines(svg).map((l) => l.text);
  assert.equal(lines, ["SGD (α 0.4)", "Momentum, EMA form (α 0.4, β", "0.5)", "Heavy ball (α 0.4, β 0.5)"]);
});

test.run();
