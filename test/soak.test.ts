/**
 * A long session on one kernel (bench/soak.py): the training cell of §7 edited and re-run 200 times with new settings
 * (optimizer, learning rate, β, hidden units), with its table and chart. The kernel's memory must stay under the
 * bound of issue 13 and stop growing once the session is warm.
 */
import { execFileSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { KERNEL_PEAK_RSS_BOUND_MB } from "../src/defaults";
import { jupyterEnv, ROOT, venvBin } from "../scripts/lib/pipeline";

const ROUNDS = 200;
const BOUND_MB = KERNEL_PEAK_RSS_BOUND_MB;

test(`${ROUNDS} rounds of training, table and chart cells: RSS < ${BOUND_MB} MB, growth after round 20 ≤ 10%`, () => {
  const soak = JSON.parse(execFileSync(venvBin("python"), ["bench/soak.py", String(ROUNDS)],
    { cwd: ROOT, encoding: "utf8", env: jupyterEnv(), stdio: ["ignore", "pipe", "ignore"] })) as
    { rounds: number; seconds: number; rss_mb: number[]; peak_rss_mb: number; outputs: number };
  assert.is(soak.rss_mb.length, ROUNDS);
  // every round printed its final loss and showed a table and a chart
  assert.ok(soak.outputs >= 3 * ROUNDS, `${soak.outputs} outputs for ${ROUNDS} rounds`);
  const base = soak.rss_mb[19]!;
  const most = Math.max(...soak.rss_mb.slice(20));
  console.log(`  (${ROUNDS} rounds in ${soak.seconds.toFixed(0)} s: RSS ${base.toFixed(0)} MB at round 20, at most ${most.toFixed(0)} MB after, peak ${soak.peak_rss_mb.toFixed(0)} MB)`);
  assert.ok(soak.peak_rss_mb < BOUND_MB, `peak RSS ${soak.peak_rss_mb.toFixed(0)} MB`);
  assert.ok(most <= base * 1.1, `RSS grew from ${base.toFixed(0)} to ${most.toFixed(0)} MB after round 20`);
});

test.run();
