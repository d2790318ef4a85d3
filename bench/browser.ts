/**
 * The library's training in Chromium: `train` bundled for the browser by esbuild from src/ (as the playground is),
 * 2000 epochs of the original's 10-unit network with RMSProp, timed in the page after a warm-up; and the same in
 * Node, side by side. Prints JSON: { chromium: { median_s, times_s }, node: { median_s, times_s } }.
 *   tsx bench/browser.ts REPS
 */
import { buildSync } from "esbuild";
import { join } from "node:path";
import { launchChromium } from "../scripts/lib/chromium";
import { generateSpiralData } from "../src/data/spiral";
import { train } from "../src/train/experiments";

const REPS = Number(process.argv[2] ?? 5);
const ROOT = join(__dirname, "..");
const CONFIG = { optimizer: "rmsprop", lr: 0.001, beta: 0.9, epochs: 2000 } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main(): Promise<void> {
  const bundle = buildSync({
    stdin: {
      contents: `import { train } from "./src/train/experiments"; import { generateSpiralData } from "./src/data/spiral";
        globalThis.timeTrain = (config, reps) => { const data = generateSpiralData(); train(config, { data });
          const times = []; for (let r = 0; r < reps; r++) { const t = performance.now(); train(config, { data });
          times.push((performance.now() - t) / 1000); } return times; };`,
      resolveDir: ROOT, loader: "ts",
    },
    bundle: true, platform: "browser", format: "iife", target: "es2020", minify: true, write: false, logLevel: "error",
  }).outputFiles![0]!.text;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent("<!DOCTYPE html><html><body></body></html>");
    await page.addScriptTag({ content: bundle });
    const inChromium = (await page.evaluate(`timeTrain(${JSON.stringify(CONFIG)}, ${REPS})`)) as number[];
    const data = generateSpiralData();
    train(CONFIG, { data });
    const inNode = Array.from({ length: REPS }, () => {
      const t = performance.now();
      train(CONFIG, { data });
      return (performance.now() - t) / 1000;
    });
    console.log(JSON.stringify({ chromium: { median_s: median(inChromium), times_s: inChromium }, node: { median_s: median(inNode), times_s: inNode } }));
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(`[bench] browser: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
