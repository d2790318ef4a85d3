/**
 * Make an nbconvert HTML handout self-contained: pre-render every TeX formula to inline SVG (MathJax 3, run here
 * at build time) and drop every <script> nbconvert 7 adds (MathJax 2 and require.js from a CDN, their
 * configuration, the Mermaid loader). The result shows its math, charts and tables offline, on any machine, with no
 * JavaScript but the playground's own bundled script, where a notebook has one.
 */
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);

export interface SelfContainedResult {
  readonly html: string;
  /** how many formulas were rendered */
  readonly formulas: number;
  /** TeX errors (e.g. an unknown macro), each with the formula: the build fails on any */
  readonly errors: string[];
}

/** Every script but the playground's (`data-rms-playground-script`, src/notebook/playground.ts): the handout's only one. */
const SCRIPTS = [/<script\b(?![^>]*data-rms-playground-script)[^>]*>[\s\S]*?<\/script>\s*/g, /<!-- Load mathjax -->\s*/g,
  /<!-- MathJax configuration -->\s*/g];

export function makeSelfContained(input: string): SelfContainedResult {
  let html = input;
  for (const re of SCRIPTS) html = html.replace(re, "");
  const doc = mathjax.document(html, {
    InputJax: new TeX({
      // without noerrors/noundefined, a TeX mistake becomes a marked error that fails the build instead of red text
      packages: AllPackages.filter((p: string) => !["bussproofs", "noerrors", "noundefined"].includes(p)),
      inlineMath: [["$", "$"], ["\\(", "\\)"]],
      displayMath: [["$$", "$$"], ["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true,
    }),
    OutputJax: new SVG({ fontCache: "local" }),
  });
  doc.render();
  const errors: string[] = [];
  let formulas = 0;
  for (const item of doc.math) {
    formulas++;
    const rendered = adaptor.outerHTML(item.typesetRoot as never);
    const error = /data-mjx-error="([^"]*)"/.exec(rendered);
    if (error) errors.push(`${error[1]} in ${JSON.stringify(item.math)}`);
  }
  const out = adaptor.doctype(doc.document) + "\n" + adaptor.outerHTML(adaptor.root(doc.document));
  return { html: out, formulas, errors };
}
