/**
 * The playground in a page (a JupyterLab output, an HTML handout): controls for the optimizer and its settings, and
 * the loss curve, accuracy and decision boundary of a run trained by the library's own code, redrawn as a control
 * moves. Training runs in a Web Worker made from a Blob (./worker, bundled into this script by
 * scripts/build-playground.ts), so the page never freezes; a new setting stops the run in flight. Settings are
 * checked by the library before a run starts, and its error is shown next to the control it names.
 */
import { decisionBoundaryChart } from "../plots/boundary";
import { lineChart } from "../plots/line";
import { OPTIMIZER_COLORS } from "../plots/dom";
import { generateSpiralData } from "../data/spiral";
import { checkInteger, ValidationError } from "../errors";
import { formatFixed } from "../format";
import { labelOf, optionsOf } from "../optim/options";
import type { OptimizerName } from "../optim/index";
import { prepare, type RunConfig } from "../train/experiments";
import { ORIGINAL, SPIRAL, type TrainReply } from "./protocol";

/** The worker's bundled source (defined by the build). */
declare const __RMS_PLAYGROUND_WORKER__: string;

const OPTIMIZERS: readonly OptimizerName[] = ["sgd", "momentum", "adagrad", "rmsprop", "adam"];

interface Settings { optimizer: OptimizerName; lr: number; beta: number; eps: number; hidden: number; epochs: number }
type Key = Exclude<keyof Settings, "optimizer">;

/**
 * The numeric controls: a slider (on a log scale for α and ε) and a box to type a value. `check` is the playground's
 * own bound where the library accepts any size: a 10⁶-unit network would keep the training thread busy for minutes.
 * `digits`: the significant digits a log slider's value keeps.
 */
const NUMERIC: readonly { key: Key; label: string; log?: { digits: number }; min: number; max: number; step: number; check?: (v: number) => number }[] = [
  { key: "lr", label: "α, learning rate", log: { digits: 3 }, min: -4, max: 1, step: 0.05 },
  { key: "beta", label: "β", min: 0, max: 0.999, step: 0.001 },
  { key: "eps", label: "ε", log: { digits: 1 }, min: -10, max: -2, step: 1 },
  { key: "hidden", label: "hidden units", min: 1, max: 128, step: 1, check: (v) => checkInteger("hidden", v, 1, 128) },
  { key: "epochs", label: "epochs", min: 100, max: 10000, step: 100, check: (v) => checkInteger("epochs", v, 1, 10000) },
];
/** Which control shows an error about a parameter (the library's names: Adam calls its β `beta1`). */
const CONTROL_OF: Record<string, Key | "optimizer"> = { lr: "lr", beta: "beta", beta1: "beta", eps: "eps", hidden: "hidden", epochs: "epochs" };
/** What the β control is, for each optimizer that takes one (`beta` in the library: Adam's β₁). */
const BETA_LABEL: Partial<Record<OptimizerName, string>> = {
  momentum: "β, averaging of g", rmsprop: "β, averaging of g²", adam: "β₁, averaging of g",
};

/** The run config of the settings: only the options this optimizer takes (the library refuses the others). */
function configOf(s: Settings): RunConfig {
  const takes = optionsOf(s.optimizer);
  return {
    optimizer: s.optimizer, lr: s.lr, hidden: s.hidden, epochs: s.epochs,
    ...(takes.includes("beta") ? { beta: s.beta } : {}), ...(takes.includes("eps") ? { eps: s.eps } : {}),
  };
}

const CSS = `.rms-pg{font:14px system-ui,sans-serif;border:1px solid #ccc;border-radius:6px;padding:12px;max-width:900px}
.rms-pg-controls{display:grid;grid-template-columns:max-content 1fr 7em;gap:6px 10px;align-items:center}
.rms-pg-controls input[type=range]{width:100%}.rms-pg-error{grid-column:1/-1;color:#b00020;min-height:0}
.rms-pg-error:empty{display:none}.rms-pg-charts{display:flex;flex-wrap:wrap;gap:12px;margin-top:10px}
.rms-pg-readout{display:block;margin-top:8px;font-weight:600}.rms-pg-diverged{color:#b00020;font-weight:600}
.rms-pg-charts svg{max-width:100%;height:auto}`;

/** Build one playground inside `root` (its static picture is replaced). */
function mount(root: HTMLElement): void {
  const doc = root.ownerDocument;
  // unique on the page even when two outputs each bring their own copy of this script
  const uid = `rms-pg-${Math.random().toString(36).slice(2, 10)}`;
  const settings: Settings = { ...ORIGINAL };
  const data = generateSpiralData(SPIRAL);
  root.textContent = "";
  root.classList.add("rms-pg");
  const style = doc.createElement("style");
  style.textContent = CSS;
  const controls = doc.createElement("div");
  controls.className = "rms-pg-controls";
  const errors = new Map<Key | "optimizer", HTMLElement>();
  const errorLine = (key: Key | "optimizer") => {
    const e = doc.createElement("div");
    e.className = "rms-pg-error";
    e.id = `${uid}-${key}-error`;
    e.setAttribute("role", "alert");
    errors.set(key, e);
    return e;
  };

  // optimizer
  const optLabel = doc.createElement("label");
  optLabel.htmlFor = `${uid}-optimizer`;
  optLabel.textContent = "optimizer";
  const select = doc.createElement("select");
  select.id = `${uid}-optimizer`;
  for (const o of OPTIMIZERS) select.add(new Option(labelOf(o), o, false, o === settings.optimizer));
  const reset = doc.createElement("button");
  reset.type = "button";
  reset.textContent = "reset to the original's settings";
  controls.append(optLabel, select, reset, errorLine("optimizer"));

  // numeric settings
  const sliders = new Map<Key, { range: HTMLInputElement; box: HTMLInputElement; label: HTMLLabelElement }>();
  for (const c of NUMERIC) {
    const label = doc.createElement("label");
    label.htmlFor = `${uid}-${c.key}`;
    label.textContent = c.label;
    const range = doc.createElement("input");
    range.type = "range";
    range.id = `${uid}-${c.key}`;
    Object.assign(range, { min: String(c.min), max: String(c.max), step: String(c.step) });
    const box = doc.createElement("input");
    box.type = "text";
    box.inputMode = "decimal";
    box.setAttribute("aria-label", `${c.label} (type a value)`);
    box.setAttribute("aria-describedby", `${uid}-${c.key}-error`);
    range.setAttribute("aria-describedby", `${uid}-${c.key}-error`);
    sliders.set(c.key, { range, box, label });
    controls.append(label, range, box, errorLine(c.key));
    range.addEventListener("input", () => {
      const v = Number(range.value);
      settings[c.key] = c.log ? Number((10 ** v).toPrecision(c.log.digits)) : v;
      start();
    });
    box.addEventListener("change", () => {
      const text = box.value.trim();
      const v = Number(text);
      clearErrors();
      try {
        if (text === "" || !Number.isFinite(v)) throw new ValidationError(c.key, text, "a number");
        c.check?.(v);
        prepare(configOf({ ...settings, [c.key]: v }), data); // the library's own checks
      } catch (e) {
        return showError(e);
      }
      settings[c.key] = v;
      start();
    });
  }

  const charts = doc.createElement("div");
  charts.className = "rms-pg-charts";
  const lossBox = doc.createElement("div");
  const boundaryBox = doc.createElement("div");
  charts.append(lossBox, boundaryBox);
  const readout = doc.createElement("output");
  readout.className = "rms-pg-readout";
  readout.setAttribute("aria-live", "polite");
  root.append(style, controls, readout, charts);

  const sync = () => {
    select.value = settings.optimizer;
    const takes = optionsOf(settings.optimizer) as string[];
    for (const c of NUMERIC) {
      const s = sliders.get(c.key)!;
      s.range.value = String(c.log ? Math.log10(settings[c.key]) : settings[c.key]);
      if (c.log) s.range.setAttribute("aria-valuetext", String(settings[c.key]));
      const used = !["beta", "eps"].includes(c.key) || takes.includes(c.key);
      if (c.key === "beta") {
        s.label.textContent = BETA_LABEL[settings.optimizer] ?? "β";
        s.box.setAttribute("aria-label", `${s.label.textContent} (type a value)`);
      }
      s.range.disabled = s.box.disabled = !used;
      // said in the box itself, where a keyboard or screen-reader user meets it
      s.box.value = used ? String(settings[c.key]) : `not used by ${labelOf(settings.optimizer)}`;
    }
  };
  const clearErrors = () => errors.forEach((e) => (e.textContent = ""));
  /** An error at the control it names: the library's `parameter`, from this thread or from the worker's reply. */
  const showError = (e: unknown) => {
    const parameter = (e as { parameter?: unknown } | null)?.parameter;
    const key = typeof parameter === "string" ? CONTROL_OF[parameter] ?? "optimizer" : "optimizer";
    errors.get(key)!.textContent = e instanceof Error ? e.message : String(e);
    root.dataset.state = "invalid";
  };

  const workerUrl = URL.createObjectURL(new Blob([__RMS_PLAYGROUND_WORKER__], { type: "text/javascript" }));
  let worker: Worker | undefined;
  let current = 0;
  let busy = false;
  let started = 0;

  const drawLoss = (x: ArrayLike<number>, y: ArrayLike<number>, subtitle: string) => {
    lossBox.innerHTML = lineChart([{ label: labelOf(settings.optimizer), x, values: y, color: OPTIMIZER_COLORS[settings.optimizer] }],
      { document: doc, title: "Loss", subtitle, xLabel: "epoch", yLabel: "loss", width: 520, height: 320 });
  };

  const onReply = (r: TrainReply) => {
    if (r.id !== current) return; // a reply of a run that a newer setting replaced
    if (r.kind === "error") {
      busy = false;
      showError(Object.assign(new Error(r.message), r.parameter ? { parameter: r.parameter } : {}));
      return;
    }
    if (r.kind === "progress") {
      drawLoss(r.epochs, r.losses, `training… epoch ${r.epochs[r.epochs.length - 1]} of ${settings.epochs}`);
      return;
    }
    busy = false;
    const ms = performance.now() - started;
    const finite = r.losses.length;
    const loss = r.losses[finite - 1]!;
    const accuracy = r.accuracies[finite - 1]!;
    drawLoss(Array.from({ length: finite }, (_v, i) => i + 1), r.losses, `${finite} epochs, trained in ${Math.round(ms)} ms`);
    root.dataset.finalLoss = formatFixed(loss, 4);
    root.dataset.ms = String(Math.round(ms));
    if (r.diverged || !r.grid) {
      readout.innerHTML = "";
      const msg = doc.createElement("span");
      msg.className = "rms-pg-diverged";
      msg.textContent = `❌ ${r.diverged ?? "no result"}`;
      readout.append(msg);
      boundaryBox.innerHTML = "";
      root.dataset.state = "diverged";
      return;
    }
    const c = configOf(settings);
    readout.textContent = `final loss ${formatFixed(loss, 4)} · accuracy ${formatFixed(100 * accuracy, 1)}%` +
      ` (${labelOf(settings.optimizer)}, α ${c.lr}${c.beta === undefined ? "" : `, β ${c.beta}`}` +
      `${c.eps === undefined ? "" : `, ε ${c.eps}`}, ${c.hidden} hidden units, ${c.epochs} epochs)`;
    boundaryBox.innerHTML = decisionBoundaryChart(r.grid, data, { document: doc, title: "Decision boundary",
      subtitle: `accuracy ${formatFixed(100 * accuracy, 1)}%`, width: 340, height: 340 });
    root.dataset.state = "done";
  };

  function start(): void {
    sync(); // every box shows the value in force (a refused typed value does not linger)
    clearErrors();
    const config = configOf(settings);
    try {
      prepare(config, data);
    } catch (e) {
      return showError(e);
    }
    if (busy && worker) {
      worker.terminate(); // the run in flight is for settings that no longer hold
      worker = undefined;
    }
    if (!worker) {
      try {
        worker = new Worker(workerUrl);
      } catch (e) {
        return showError(new Error(`the playground cannot start its training thread here: ${e instanceof Error ? e.message : String(e)}`));
      }
      worker.onmessage = (e: MessageEvent<TrainReply>) => onReply(e.data);
      worker.onerror = (e) => {
        busy = false;
        showError(new Error(`the training thread failed: ${e.message || "no message"}`));
      };
    }
    current++;
    busy = true;
    started = performance.now();
    root.dataset.state = "training";
    worker.postMessage({ id: current, config });
  }

  select.addEventListener("change", () => {
    settings.optimizer = select.value as OptimizerName;
    start();
  });
  reset.addEventListener("click", () => {
    Object.assign(settings, ORIGINAL);
    start();
  });
  start();
}

/** Every playground on the page that has not been built yet (a notebook output may run this script again). */
function mountAll(): void {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-rms-playground]:not([data-state])"))) mount(el);
}
if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
}
