/**
 * The live playground in a notebook output (see src/playground/page.ts): the bundled script, and before it a static
 * picture of the original's run with one line saying why it is static, for wherever scripts do not run (an
 * untrusted notebook in JupyterLab, a reader with scripts off). The script replaces both when it runs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lossCurvesChart } from "../plots/loss-curves";
import { chartImg } from "../plots/figure";
import { OPTIMIZER_COLORS } from "../plots/dom";
import { ORIGINAL, SPIRAL } from "../playground/protocol";
import { generateSpiralData } from "../data/spiral";
import { train } from "../train/experiments";
import { formatFixed } from "../format";
import { showHtml } from "./display";

/** dist/browser/playground.js, built by `npm run build` (scripts/build-playground.ts). */
export function playgroundScript(): string {
  const places = [join(__dirname, "..", "browser", "playground.js"), join(__dirname, "..", "..", "dist", "browser", "playground.js")];
  const file = places.find((f) => existsSync(f));
  if (!file) throw new Error(`the playground's script is not built (looked for ${places.join(", ")}): run npm run build`);
  return readFileSync(file, "utf8");
}

/** The playground's HTML: a static picture and note, then the script that makes it live. */
export function playgroundHtml(): string {
  const run = train(ORIGINAL, { data: generateSpiralData(SPIRAL) });
  const loss = run.losses[run.losses.length - 1]!;
  const picture = chartImg(lossCurvesChart([{ label: "RMSProp", values: run.losses, color: OPTIMIZER_COLORS.rmsprop }],
    { title: "Playground (static picture): the original's RMSProp run", subtitle: `final loss ${formatFixed(loss, 4)}`, width: 640, height: 300 }));
  const note = "<p><em>This is a static picture. The live playground, where you move α, β, ε, the hidden units and " +
    "the epochs and the network retrains, runs where scripts can run: in JupyterLab once the notebook is trusted " +
    "(run it, or run Trust Notebook from the command palette), and in the HTML handout in a browser with JavaScript " +
    "on.</em></p>";
  // nothing in the bundle may end the <script> element or open an HTML comment inside it
  const script = playgroundScript().replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
  return `<div class="rms-playground" data-rms-playground>${picture}${note}</div><script data-rms-playground-script>${script}</script>`;
}

/** Show the playground in the notebook. */
export function showPlayground(): void {
  showHtml(playgroundHtml());
}
