/**
 * The playground in a page (a JupyterLab output, an HTML handout): controls for the optimizer and its settings, and
 * the loss curve, accuracy and decision boundary of a run trained by the library's own code on the spiral, and the
 * optimizer's path on the 2-D valley, redrawn as a control moves. Training runs in a Web Worker made from a Blob
 * (./worker, bundled into this script by scripts/build-playground.ts), so the page never freezes; a new setting
 * stops the run in flight. Settings are checked by the library before a run starts (./settings), and its error is
 * shown next to the control it names. Which optimizers it offers and where it starts come from the notebook, as
 * JSON in the root's `data-rms-playground` attribute (src/notebook/playground.ts).
 */
import { decisionBoundaryChart } from "../plots/boundary";
import { lineChart } from "../plots/line";
import { OPTIMIZER_COLORS } from "../plots/dom";
import { trajectoryPanels } from "../plots/trajectory";
import { generateSpiralData } from "../data/spiral";
import { ValidationError } from "../errors";
import { formatFixed } from "../format";
import { labelOf } from "../optim/options";
import type { OptimizerName } from "../optim/index";
import type { RunConfig } from "../train/experiments";
import { SPIRAL, type TrainReply } from "./protocol";
import {
  checkSettings, CONTROLS, playgroundSpec, runConfigOf, settingOf, uses, VALLEY, valleyPath, type NumericSetting,
  type PlaygroundSettings, type PlaygroundSpec,
} from "./settings";

/** The worker's bundled source (defined by the build). */
declare const __RMS_PLAYGROUND_WORKER__: string;

type Settings = { -readonly [K in keyof PlaygroundSettings]: PlaygroundSettings[K] };
type Key = NumericSetting;

/** How the β setting is written for an optimizer: Adam's is its β₁. */
const betaSymbol = (o: OptimizerName) => (o === "adam" ? "β₁" : "β");
/** What the β control is, for each optimizer that takes one (`beta` in the library: Adam's β₁). */
const BETA_LABEL: Partial<Record<OptimizerName, string>> = {
  momentum: "β, averaging of g", rmsprop: "β, averaging of g²", adam: "β₁, averaging of g",
};

const CSS = `.rms-pg{font:14px system-ui,sans-serif;border:1px solid #ccc;border-radius:6px;padding:12px;max-width:1140px}
.rms-pg-controls{display:grid;grid-template-columns:max-content minmax(8em,28em) 10em;gap:6px 10px;align-items:center}
.rms-pg-controls input[type=range]{width:100%}.rms-pg-error{grid-column:1/-1;color:#b00020;min-height:0}
.rms-pg-error:empty{display:none}.rms-pg-charts{display:flex;flex-wrap:wrap;gap:12px;margin-top:10px}
.rms-pg-readout{display:block;margin-top:8px;font-weight:600}.rms-pg-diverged{color:#b00020;font-weight:600}
.rms-pg-section{grid-column:1/-1;margin-top:6px;color:#444}.rms-pg-valley .rms-pg-diverged{max-width:300px}
.rms-pg-charts svg{max-width:100%;height:auto}.rms-pg [hidden]{display:none}`;

/** Build one playground inside `root` (its static picture is replaced). */
function mount(root: HTMLElement, spec: PlaygroundSpec): void {
  const doc = root.ownerDocument;
  // unique on the page even when two outputs each bring their own copy of this script
  const uid = `rms-pg-${Math.random().toString(36).slice(2, 10)}`;
  const settings: Settings = { ...spec.start };
  const single = spec.optimizers.length === 1;
  const data = generateSpiralData(SPIRAL);
  root.textContent = "";
  root.classList.add("rms-pg");
  // Keys stay with the control they were pressed in. JupyterLab's notebook handles the keys of its command mode on
  // an ancestor of every output and cancels their default action, so an arrow key would not move a slider and Enter
  // would not commit a typed value. Escape, Shift+Enter (run the cell) and Ctrl/⌘/Alt shortcuts (save, run) still
  // reach JupyterLab.
  root.addEventListener("keydown", (e) => {
    const jupyters = e.key === "Escape" || (e.key === "Enter" && e.shiftKey) || e.ctrlKey || e.metaKey || e.altKey;
    if (!jupyters) e.stopPropagation();
  });
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

  // optimizer: a choice, or the one this playground is about
  const optLabel = doc.createElement("label");
  optLabel.textContent = "optimizer";
  const select = doc.createElement("select");
  select.id = `${uid}-optimizer`;
  for (const o of spec.optimizers) select.add(new Option(labelOf(o), o, false, o === settings.optimizer));
  const reset = doc.createElement("button");
  reset.type = "button";
  reset.textContent = `reset to ${spec.startName}`;
  if (single) {
    const name = doc.createElement("strong");
    name.textContent = labelOf(settings.optimizer);
    controls.append(optLabel, name, reset, errorLine("optimizer"));
  } else {
    optLabel.htmlFor = select.id;
    controls.append(optLabel, select, reset, errorLine("optimizer"));
  }

  // numeric settings
  const rows = new Map<Key, { range: HTMLInputElement; box: HTMLInputElement; label: HTMLLabelElement; error: HTMLElement }>();
  for (const c of CONTROLS) {
    if (c.valley && !controls.querySelector(".rms-pg-section")) {
      const section = doc.createElement("div");
      section.className = "rms-pg-section";
      // the spiral's settings the valley shares: β and ε, or those of the one optimizer this playground is about
      const beta = single ? betaSymbol(settings.optimizer) : "β";
      const shared = (["beta", "eps"] as const).filter((k) => !single || uses(settings.optimizer, k)).map((k) => (k === "beta" ? beta : "ε"));
      const as = shared.length ? `, with ${shared.join(" and ")} as above` : "";
      section.textContent = `On the 2-D valley ${VALLEY.objective.formula}, from (${VALLEY.x0.join(", ")})${as}:`;
      controls.append(section);
    }
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
    const error = errorLine(c.key);
    rows.set(c.key, { range, box, label, error });
    controls.append(label, range, box, error);
    // the valley's own settings redraw the valley; every other setting also retrains on the spiral
    const apply = c.valley ? redrawValley : start;
    range.addEventListener("input", () => {
      const v = Number(range.value);
      settings[c.key] = c.log ? Number((10 ** v).toPrecision(c.log.digits)) : v;
      apply();
    });
    box.addEventListener("change", () => {
      const text = box.value.trim();
      const v = Number(text);
      if (text === "" || !Number.isFinite(v)) {
        clearErrors();
        return showError(new ValidationError(c.key, text, "a number"));
      }
      change({ [c.key]: v }, apply);
    });
  }

  const charts = doc.createElement("div");
  charts.className = "rms-pg-charts";
  const lossBox = doc.createElement("div");
  const boundaryBox = doc.createElement("div");
  const valleyBox = doc.createElement("div");
  valleyBox.className = "rms-pg-valley";
  charts.append(lossBox, boundaryBox, valleyBox);
  const readout = doc.createElement("output");
  readout.className = "rms-pg-readout";
  readout.setAttribute("aria-live", "polite");
  root.append(style, controls, readout, charts);

  const sync = () => {
    select.value = settings.optimizer;
    for (const c of CONTROLS) {
      const s = rows.get(c.key)!;
      s.range.value = String(c.log ? Math.log10(settings[c.key]) : settings[c.key]);
      if (c.log) s.range.setAttribute("aria-valuetext", String(settings[c.key]));
      const used = uses(settings.optimizer, c.key);
      if (c.key === "beta") {
        s.label.textContent = BETA_LABEL[settings.optimizer] ?? "β";
        s.box.setAttribute("aria-label", `${s.label.textContent} (type a value)`);
      }
      // a playground about one optimizer shows only its settings; with a choice, an unused one says so
      for (const el of [s.label, s.range, s.box, s.error]) el.hidden = single && !used;
      s.range.disabled = s.box.disabled = !used;
      // said in the box itself, where a keyboard or screen-reader user meets it
      s.box.value = used ? String(settings[c.key]) : `not used by ${labelOf(settings.optimizer)}`;
    }
  };
  const clearErrors = () => errors.forEach((e) => (e.textContent = ""));
  /**
   * Apply a change that passes the playground's bounds and the library's own checks, then redraw (`then`); a refused
   * one shows its error at its control and changes nothing. Returns whether it was applied.
   */
  const change = (update: Partial<Settings>, then: () => void): boolean => {
    clearErrors();
    try {
      checkSettings({ ...settings, ...update }, data);
    } catch (e) {
      showError(e);
      return false;
    }
    Object.assign(settings, update);
    then();
    return true;
  };
  const showingError = () => [...errors.values()].some((e) => e.textContent !== "");
  /** An error at the control it names: the library's `parameter`, from this thread or from the worker's reply. */
  const showError = (e: unknown) => {
    const parameter = (e as { parameter?: unknown } | null)?.parameter;
    const key = (typeof parameter === "string" && settingOf(parameter)) || "optimizer";
    errors.get(key)!.textContent = e instanceof Error ? e.message : String(e);
    root.dataset.state = "invalid";
  };
  /**
   * The spiral's run: "training", "done", "diverged", or "failed" (the training thread's error, kept in `runError`
   * until the next run). The root's `data-state` shows it, or "invalid" while an error is shown.
   */
  let runState = "training";
  let runError: Error | undefined;
  const setRunState = (state: string) => {
    runState = state;
    if (!showingError()) root.dataset.state = state;
  };
  const runFailed = (e: Error) => {
    busy = false;
    runError = e;
    setRunState("failed");
    showError(e);
  };
  /** A run's optimizer settings as a reader would write them (the valley's: with the valley's α). */
  const described = (c: RunConfig) => {
    const optimizer = c.optimizer as OptimizerName;
    const beta = c.beta === undefined ? "" : `, ${betaSymbol(optimizer)} ${c.beta}`;
    return `${labelOf(optimizer)}, α ${c.lr}${beta}${c.eps === undefined ? "" : `, ε ${c.eps}`}`;
  };

  /** The settings the valley's path is drawn for: a change of hidden units or epochs leaves it as it is. */
  let valleyDrawnFor = "";
  /** The optimizer's path on the valley: 200 steps at most, so it is drawn on this thread at once. */
  const drawValley = () => {
    const { optimizer, beta, eps, valleyLr, valleySteps } = settings;
    const key = JSON.stringify([optimizer, beta, eps, valleyLr, valleySteps]);
    if (key === valleyDrawnFor) return;
    valleyDrawnFor = key;
    const path = valleyPath(settings);
    const last = path.trajectory[path.trajectory.length - 1]!;
    valleyBox.innerHTML = trajectoryPanels(VALLEY.objective, [{ label: described({ ...runConfigOf(settings), lr: settings.valleyLr }), trajectory: path.trajectory, color: OPTIMIZER_COLORS[settings.optimizer] }],
      { document: doc, domain: VALLEY.domain, title: `The valley ${VALLEY.objective.formula}`, width: 300, height: 240 });
    root.dataset.valleyState = path.diverged ? "diverged" : "done";
    root.dataset.valleyEnd = last.map((v) => v.toPrecision(6)).join(",");
    if (path.diverged) {
      const msg = doc.createElement("div");
      msg.className = "rms-pg-diverged";
      msg.textContent = `❌ ${path.diverged.message} (the path is drawn up to step ${path.trajectory.length - 1})`;
      valleyBox.append(msg);
    }
  };

  const drawLoss = (x: ArrayLike<number>, y: ArrayLike<number>, subtitle: string) => {
    lossBox.innerHTML = lineChart([{ label: labelOf(settings.optimizer), x, values: y, color: OPTIMIZER_COLORS[settings.optimizer] }],
      { document: doc, title: "Loss on the spiral", subtitle, xLabel: "epoch", yLabel: "loss", width: 360, height: 280 });
  };

  const workerUrl = URL.createObjectURL(new Blob([__RMS_PLAYGROUND_WORKER__], { type: "text/javascript" }));
  let worker: Worker | undefined;
  let current = 0;
  let busy = false;
  let started = 0;

  const onReply = (r: TrainReply) => {
    if (r.id !== current) return; // a reply of a run that a newer setting replaced
    if (r.kind === "error") return runFailed(Object.assign(new Error(r.message), r.parameter ? { parameter: r.parameter } : {}));
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
      setRunState("diverged");
      return;
    }
    readout.textContent = `final loss ${formatFixed(loss, 4)} · accuracy ${formatFixed(100 * accuracy, 1)}%` +
      ` (${described(r.config)}, ${r.config.hidden} hidden units, ${r.config.epochs} epochs)`;
    boundaryBox.innerHTML = decisionBoundaryChart(r.grid, data, { document: doc, title: "Decision boundary",
      subtitle: `accuracy ${formatFixed(100 * accuracy, 1)}%`, width: 280, height: 280 });
    setRunState("done");
  };

  /** Show the settings in force and check them; false (and the error at its control) when the library refuses one. */
  function checked(): boolean {
    sync(); // every box shows the value in force (a refused typed value does not linger)
    clearErrors();
    try {
      checkSettings(settings, data);
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  /** Redraw the valley alone: the spiral's run, in flight or done (or its thread's error), holds for these settings. */
  function redrawValley(): void {
    if (!checked()) return;
    root.dataset.state = runState;
    if (runError) showError(runError);
    drawValley();
  }

  /** Redraw the valley and retrain on the spiral. */
  function start(): void {
    if (!checked()) return;
    runError = undefined;
    drawValley();
    if (busy && worker) {
      worker.terminate(); // the run in flight is for settings that no longer hold
      worker = undefined;
    }
    if (!worker) {
      try {
        worker = new Worker(workerUrl);
      } catch (e) {
        return runFailed(new Error(`the playground cannot start its training thread here: ${e instanceof Error ? e.message : String(e)}`));
      }
      worker.onmessage = (e: MessageEvent<TrainReply>) => onReply(e.data);
      worker.onerror = (e) => runFailed(new Error(`the training thread failed: ${e.message || "no message"}`));
    }
    current++;
    busy = true;
    started = performance.now();
    setRunState("training");
    worker.postMessage({ id: current, config: runConfigOf(settings) });
  }

  select.addEventListener("change", () => {
    if (!change({ optimizer: select.value as OptimizerName }, start)) select.value = settings.optimizer;
  });
  reset.addEventListener("click", () => {
    Object.assign(settings, spec.start);
    start();
  });
  start();
}

/**
 * Every playground on the page that has not been built yet (a notebook output may run this script again), each
 * with the spec its notebook gave. A spec that does not pass the library's checks is said in the output.
 */
function mountAll(): void {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-rms-playground]:not([data-state])"))) {
    let spec: PlaygroundSpec;
    try {
      spec = playgroundSpec(JSON.parse(el.dataset.rmsPlayground || "{}") as object);
    } catch (e) {
      el.dataset.state = "invalid";
      el.append(`The playground cannot start: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    mount(el, spec);
  }
}
if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
}
