/**
 * The live playground in a notebook output (see src/playground/page.ts): the bundled script, and before it a static
 * picture of the original's run with one line saying why it is static, for wherever scripts do not run (an
 * untrusted notebook in JupyterLab, a reader with scripts off). The script replaces both when it runs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lossCurvesChart } from "../plots/loss-curves";
import { chartImg, escapeXml } from "../plots/figure";
import { OPTIMIZER_COLORS } from "../plots/dom";
import { SPIRAL } from "../playground/protocol";
import { playgroundSpec, runConfigOf, type PlaygroundOptions } from "../playground/settings";
import { generateSpiralData } from "../data/spiral";
import { labelOf } from "../optim/options";
import { train } from "../train/experiments";
import { formatFixed } from "../format";
import { showHtml } from "./display";

export type { PlaygroundOptions } from "../playground/settings";

/** dist/browser/playground.js, built by `npm run build` (scripts/build-playground.ts). */
export function playgroundScript(): string {
  const places = [join(__dirname, "..", "browser", "playground.js"), join(__dirname, "..", "..", "dist", "browser", "playground.js")];
  const file = places.find((f) => existsSync(f));
  if (!file) throw new Error(`the playground's script is not built (looked for ${places.join(", ")}): run npm run build`);
  return readFileSync(file, "utf8");
}

/**
 * The playground's HTML: a static picture of its starting run and a note, then the script that makes it live. The
 * options (checked here, so a bad one fails in the cell that asks for it) travel to the page as JSON in the
 * `data-rms-playground` attribute. Default: every optimizer, from the original's RMSProp run of §7.
 */
export function playgroundHtml(options: PlaygroundOptions = {}): string {
  const spec = playgroundSpec(options);
  const run = train(runConfigOf(spec.start), { data: generateSpiralData(SPIRAL) });
  const loss = run.losses[run.losses.length - 1]!;
  const name = labelOf(spec.start.optimizer);
  const picture = chartImg(lossCurvesChart([{ label: name, values: run.losses, color: OPTIMIZER_COLORS[spec.start.optimizer] }],
    { title: `Playground (static picture): ${name} with ${spec.startName}`, subtitle: `final loss ${formatFixed(loss, 4)}`, width: 640, height: 300 }));
  const note = "<p><em>This is a static picture. The live playground, where you move α, β, ε, the hidden units, the " +
    "epochs and the valley's α and steps, and the network retrains, runs where scripts can run: in JupyterLab once " +
    "the notebook is trusted (run it, or run Trust Notebook from the command palette), and in the HTML handout in a " +
    "browser with JavaScript on.</em></p>";
  // nothing in the bundle may end the <script> element or open an HTML comment inside it
  const script = playgroundScript().replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
  const attribute = escapeXml(JSON.stringify(spec));
  return `<div class="rms-playground" data-rms-playground="${attribute}">${picture}${note}</div>` +
    `<script data-rms-playground-script>${script}</script>`;
}

/**
 * Show the playground in the notebook: `rms.show.showPlayground()` for every optimizer from the original's settings, or
 * one optimizer from a notebook's own, e.g. `rms.show.showPlayground({ optimizers: ["adagrad"], start: { lr: 0.1 } })`.
 */
export function showPlayground(options: PlaygroundOptions = {}): void {
  showHtml(playgroundHtml(options));
}
