import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatFixed } from "../src/format";

test("formats like Python's :.4f, including exact ties to even", () => {
  const cases: [number, number, string][] = [
    [0.6906643419732876, 4, "0.6907"], [0.03125, 4, "0.0312"], [0.09375, 4, "0.0938"], [-0.03125, 4, "-0.0312"],
    [2.5, 0, "2"], [3.5, 0, "4"], [0.5533333333333333, 4, "0.5533"], [-0, 4, "-0.0000"], [1e-9, 4, "0.0000"],
    [Number.NaN, 4, "nan"], [Number.POSITIVE_INFINITY, 4, "inf"], [12345.678, 2, "12345.68"], [0.125, 2, "0.12"],
  ];
  for (const [x, d, want] of cases) assert.is(formatFixed(x, d), want, `${x} with ${d} digits`);
});

test.run();
