/**
 * The playground in a page (a JupyterLab output, an HTML handout): controls for the optimizer and its settings, and
 * the loss curve, accuracy and decision boundary of a run trained by the library's own code on the spiral, and the
 * optimizer's path on the 2-D valley, redrawn as a control moves. Training runs in a Web Worker made from a Blob
 * (./worker, bundled into this script by scripts/build-playground.ts), so the page never freezes; a new setting
 * stops the run in flight. Settings are checked by the library before a run starts (./settings), and its error is
 * shown next to the control it names. Which optimizers it offers and where it starts come from the notebook, as
 * JSON in the root's `data-rms-playground` attribute (src/notebook/playground.ts).
 *
 * A run can be pinned: its loss and accuracy curves (dashed, in a lighter shade of its optimizer's colour) and its
 * valley path stay, and every run after it is drawn over them, until it is unpinned. Each optimizer has its colour
 * of the static charts, `colorOf`. A loss stuck at the clip of its log (./saturation) is said, not shown silently.
 */
import { decisionBoundaryChart } from "../plots/boundary";
import { lineChart, type Series } from "../plots/line";
import { colorOf } from "../plots/dom";
import { trajectoryPanels, type Path } from "../plots/trajectory";
import { generateSpiralData } from "../data/spiral";
import { ValidationError } from "../errors";
import { formatFixed } from "../format";
import { entryOf, labelOf, type OptimizerName } from "../optim/options";
import type { RunConfig } from "../train/experiments";
import { SPIRAL, type TrainReply } from "./protocol";
import { saturationShort, saturationText, type Saturation } from "./saturation";
import {
  checkSettings, CONTROLS, playgroundSpec, runConfigOf, settingOf, uses, VALLEY, valleyPath, type NumericSetting,
  type PlaygroundSettings, type PlaygroundSpec,
} from "./settings";

/** The worker's bundled source (defined by the build). */
declare const __RMS_PLAYGROUND_WORKER__: string;

type Settings = { -readonly [K in keyof PlaygroundSettings]: PlaygroundSettings[K] };
type Key = NumericSetting;
type Done = Extract<TrainReply, { kind: "done" }>;

/** A pinned run: what its charts and its readout line need, and its path on the valley when it was pinned. */
interface Pinned {
  readonly config: RunConfig;
  readonly losses: Float64Array;
  readonly accuracies: Float64Array;
  readonly saturation?: Saturation;
  readonly valley: Path;
}

/** A lighter shade of a colour (#rrggbb mixed with white), for a pinned run's lines. */
function lighter(hex: string, by = 0.45): string {
  const channel = (i: number) => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - by) + 255 * by);
  return `#${[1, 3, 5].map((i) => channel(i).toString(16).padStart(2, "0")).join("")}`;
}

/** The option the β control sets for an optimizer (its registry entry's `beta`: Adam's β₁), if it has one. */
const betaOf = (o: OptimizerName) => {
  const e = entryOf(o);
  return e.beta === undefined ? undefined : e.options[e.beta];
};
/** How the β setting is written for an optimizer: its symbol (Adam's β₁). */
const betaSymbol = (o: OptimizerName) => betaOf(o)?.symbol ?? "β";
/** What the β control is for an optimizer: "β₁, averaging of g". */
const betaLabel = (o: OptimizerName) => {
  const b = betaOf(o);
  return b ? `${b.symbol}, ${b.about}` : "β";
};

const CSS = `.rms-pg{font:14px system-ui,sans-serif;border:1px solid #ccc;border-radius:6px;padding:12px;max-width:1140px}
.rms-pg-controls{display:grid;grid-template-columns:max-content minmax(8em,28em) 10em;gap:6px 10px;align-items:center}
.rms-pg-controls input[type=range]{width:100%}.rms-pg-error{grid-column:1/-1;color:#b00020;min-height:0}
.rms-pg-error:empty{display:none}.rms-pg-charts{display:flex;flex-wrap:wrap;gap:12px;margin-top:10px}
.rms-pg-readout{display:block;margin-top:8px;font-weight:600}.rms-pg-diverged{color:#b00020;font-weight:600}
.rms-pg-section{grid-column:1/-1;margin-top:6px;color:#444}.rms-pg-valley .rms-pg-diverged{max-width:300px}
.rms-pg-charts svg{max-width:100%;height:auto}.rms-pg [hidden]{display:none}
.rms-pg-pinbar{display:flex;gap:10px;align-items:center;margin-top:10px}.rms-pg-stale{opacity:.45}
.rms-pg-readout>span{display:block;margin-top:2px}.rms-pg-saturated{color:#8a4b00}.rms-pg-pinned{color:#444;font-weight:400}`;

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
  lossBox.className = "rms-pg-loss";
  const accuracyBox = doc.createElement("div");
  accuracyBox.className = "rms-pg-accuracy";
  const boundaryBox = doc.createElement("div");
  const valleyBox = doc.createElement("div");
  valleyBox.className = "rms-pg-valley";
  charts.append(lossBox, accuracyBox, boundaryBox, valleyBox);
  const readout = doc.createElement("output");
  readout.className = "rms-pg-readout";
  readout.setAttribute("aria-live", "polite");
  // pin a run: after the settings, so Tab still goes from the optimizer to reset and on to α
  const pinBar = doc.createElement("div");
  pinBar.className = "rms-pg-pinbar";
  const pin = doc.createElement("button");
  pin.type = "button";
  pin.className = "rms-pg-pin";
  pin.textContent = "pin this run";
  pin.title = "keep this run's curves: the next runs are drawn over them";
  const unpin = doc.createElement("button");
  unpin.type = "button";
  unpin.className = "rms-pg-unpin";
  unpin.textContent = "unpin";
  unpin.hidden = true;
  pinBar.append(pin, unpin);
  root.append(style, controls, pinBar, readout, charts);

  const sync = () => {
    select.value = settings.optimizer;
    for (const c of CONTROLS) {
      const s = rows.get(c.key)!;
      s.range.value = String(c.log ? Math.log10(settings[c.key]) : settings[c.key]);
      if (c.log) s.range.setAttribute("aria-valuetext", String(settings[c.key]));
      const used = uses(settings.optimizer, c.key);
      if (c.key === "beta") {
        s.label.textContent = betaLabel(settings.optimizer);
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
    pin.disabled = state !== "done"; // a finished run can be pinned, not one in flight or diverged
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
    const b = entryOf(optimizer).beta;
    const value = b === undefined ? undefined : c[b];
    const beta = value === undefined ? "" : `, ${betaSymbol(optimizer)} ${String(value)}`;
    return `${labelOf(optimizer)}, α ${c.lr}${beta}${c.eps === undefined ? "" : `, ε ${c.eps}`}`;
  };

  /** The run pinned (its curves stay under the next runs'), and a count of pins so the valley knows it changed. */
  let pinned: Pinned | undefined;
  let pins = 0;
  /** The settings the valley's path is drawn for: a change of hidden units or epochs leaves it as it is. */
  let valleyDrawnFor = "";
  /** The path on the valley as drawn now, to pin with the run. */
  let valleyShown: Path | undefined;
  /** The optimizer's path on the valley: 200 steps at most, so it is drawn on this thread at once. */
  const drawValley = () => {
    const { optimizer, beta, eps, valleyLr, valleySteps } = settings;
    const key = JSON.stringify([optimizer, beta, eps, valleyLr, valleySteps, pinned ? pins : 0]);
    if (key === valleyDrawnFor) return;
    valleyDrawnFor = key;
    const path = valleyPath(settings);
    const last = path.trajectory[path.trajectory.length - 1]!;
    const label = described({ ...runConfigOf(settings), lr: settings.valleyLr });
    valleyShown = { label, trajectory: path.trajectory, color: colorOf(settings.optimizer) };
    // a pinned run's path in its own panel beside this one, over the same contours, in its lighter shade
    const paths = pinned ? [{ ...valleyShown, label: `now: ${label}` }, pinned.valley] : [valleyShown];
    valleyBox.innerHTML = trajectoryPanels(VALLEY.objective, paths,
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

  /** The name of a run's curves: its optimizer; with a run pinned, "now: " and its settings. */
  const nowLabel = (c: RunConfig) => (pinned ? `now: ${described(c)}` : labelOf(c.optimizer as OptimizerName));
  /** The pinned run's name: "pinned: " and its settings, with its hidden units and epochs where they differ from `now`'s. */
  const pinnedLabel = (p: Pinned, now: RunConfig) => {
    const more = [p.config.hidden !== now.hidden ? `${p.config.hidden} hidden units` : "",
      p.config.epochs !== now.epochs ? `${p.config.epochs} epochs` : ""].filter((t) => t);
    return `pinned: ${described(p.config)}${more.map((t) => `, ${t}`).join("")}`;
  };
  /** A curve of the pinned run: dashed, in a lighter shade of its optimizer's colour. */
  const pinnedSeries = (now: RunConfig, values: ArrayLike<number>): Series =>
    ({ label: pinnedLabel(pinned!, now), values, color: lighter(colorOf(pinned!.config.optimizer)), dashed: true });

  /** The loss curve of the run `c` so far (`x`, `y`), over the pinned run's. */
  const drawLoss = (c: RunConfig, x: ArrayLike<number>, y: ArrayLike<number>, subtitle: string) => {
    const series: Series[] = [{ label: nowLabel(c), x, values: y, color: colorOf(c.optimizer) }];
    if (pinned) series.push(pinnedSeries(c, pinned.losses));
    lossBox.innerHTML = lineChart(series,
      { document: doc, title: "Loss on the spiral", subtitle, xLabel: "epoch", yLabel: "loss", width: 360, height: 280 });
  };
  /** The accuracy (training set) of a finished run, epoch by epoch, over the pinned run's. */
  const drawAccuracy = (c: RunConfig, accuracies: ArrayLike<number>) => {
    const percent = (a: ArrayLike<number>) => Float64Array.from(a, (v) => 100 * v);
    const series: Series[] = [{ label: nowLabel(c), values: percent(accuracies), color: colorOf(c.optimizer) }];
    if (pinned) series.push(pinnedSeries(c, percent(pinned.accuracies)));
    accuracyBox.innerHTML = lineChart(series, { document: doc, title: "Accuracy on the spiral", subtitle: "on the 300 training points",
      xLabel: "epoch", yLabel: "accuracy (%)", width: 320, height: 280 });
    accuracyBox.classList.remove("rms-pg-stale");
  };
  /** A run's line in the readout: "final loss 0.6372 · accuracy 61.3% (RMSProp, α 0.001, …, 2000 epochs)". */
  const runLine = (c: RunConfig, losses: ArrayLike<number>, accuracies: ArrayLike<number>, saturation?: Saturation) => {
    const loss = losses[losses.length - 1]!;
    const clip = saturation ? `, ${saturationShort(saturation)}` : "";
    return `final loss ${formatFixed(loss, 4)}${clip} · accuracy ${formatFixed(100 * accuracies[accuracies.length - 1]!, 1)}%` +
      ` (${described(c)}, ${c.hidden} hidden units, ${c.epochs} epochs)`;
  };
  /** A line of the readout under the first: a warning, the pinned run. */
  const readoutLine = (className: string, text: string) => {
    const line = doc.createElement("span");
    line.className = className;
    line.textContent = ` ${text}`; // a space between lines in the readout's text, for a screen reader
    readout.append(line);
  };
  /** The pinned run's line in the readout (in place of the one there), and the unpin button named for it. */
  const pinnedLine = (c: RunConfig) => {
    readout.querySelector(".rms-pg-pinned")?.remove();
    if (pinned) readoutLine("rms-pg-pinned", `📌 pinned (dashed): ${runLine(pinned.config, pinned.losses, pinned.accuracies, pinned.saturation)}`);
    unpin.hidden = !pinned;
    if (pinned) unpin.setAttribute("aria-label", `unpin ${pinnedLabel(pinned, c).replace(/^pinned: /, "")}`);
    else unpin.removeAttribute("aria-label");
  };

  /** The last finished run, what its charts and readout show, and how long it took. */
  let shown: Done | undefined;
  let shownMs = 0;
  /** Draw a finished run: its curves (over the pinned run's), its readout, its boundary. */
  const drawDone = (r: Done) => {
    const finite = r.losses.length;
    const loss = r.losses[finite - 1]!;
    const accuracy = r.accuracies[finite - 1]!;
    drawLoss(r.config, Array.from({ length: finite }, (_v, i) => i + 1), r.losses, `${finite} epochs, trained in ${Math.round(shownMs)} ms`);
    drawAccuracy(r.config, r.accuracies.subarray(0, finite));
    root.dataset.finalLoss = formatFixed(loss, 4);
    root.dataset.ms = String(Math.round(shownMs));
    if (r.saturation?.atClip) root.dataset.saturated = `${r.saturation.clipped}/${r.saturation.samples}`;
    else delete root.dataset.saturated;
    readout.textContent = "";
    if (r.diverged || !r.grid) {
      const msg = doc.createElement("span");
      msg.className = "rms-pg-diverged";
      msg.textContent = `❌ ${r.diverged ?? "no result"}`;
      readout.append(msg);
      pinnedLine(r.config);
      boundaryBox.innerHTML = "";
      setRunState("diverged");
      return;
    }
    readout.append(runLine(r.config, r.losses, r.accuracies));
    if (r.saturation) readoutLine("rms-pg-saturated", `⚠ ${saturationText(r.saturation)}`);
    pinnedLine(r.config);
    boundaryBox.innerHTML = decisionBoundaryChart(r.grid, data, { document: doc, title: "Decision boundary",
      subtitle: `accuracy ${formatFixed(100 * accuracy, 1)}%`, width: 280, height: 280 });
    setRunState("done");
  };

  const workerUrl = URL.createObjectURL(new Blob([__RMS_PLAYGROUND_WORKER__], { type: "text/javascript" }));
  let worker: Worker | undefined;
  let current = 0;
  let busy = false;
  let started = 0;
  /** the settings of the run in flight */
  let inFlight: RunConfig | undefined;

  /**
   * The loss so far of the run in flight, drawn once per frame: the worker reports faster than a chart redraws, and
   * drawing each report would hold up the run's result behind a queue of stale ones.
   */
  let progress: Extract<TrainReply, { kind: "progress" }> | undefined;
  let frame = 0;
  const drawProgress = () => {
    frame = 0;
    const r = progress;
    progress = undefined;
    if (!r || r.id !== current || !busy) return;
    drawLoss(inFlight!, r.epochs, r.losses, `training… epoch ${r.epochs[r.epochs.length - 1]} of ${inFlight!.epochs}`);
  };
  const dropProgress = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    progress = undefined;
  };

  const onReply = (r: TrainReply) => {
    if (r.id !== current) return; // a reply of a run that a newer setting replaced
    if (r.kind === "error") return runFailed(Object.assign(new Error(r.message), r.parameter ? { parameter: r.parameter } : {}));
    if (r.kind === "progress") {
      progress = r;
      if (!frame) frame = requestAnimationFrame(drawProgress);
      return;
    }
    busy = false;
    dropProgress();
    shownMs = performance.now() - started;
    shown = r;
    drawDone(r);
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
    dropProgress();
    started = performance.now();
    inFlight = runConfigOf(settings);
    accuracyBox.classList.add("rms-pg-stale"); // the last run's, until this one finishes
    setRunState("training");
    worker.postMessage({ id: current, config: inFlight });
  }

  /** Pin the run shown (and the valley's path as drawn): the next runs are drawn over it. */
  pin.addEventListener("click", () => {
    if (!shown || shown.diverged || !valleyShown) return;
    const { config, losses, accuracies, saturation } = shown;
    const valley = { ...valleyShown, label: `pinned: ${valleyShown.label}`, color: lighter(valleyShown.color) };
    pinned = { config, losses, accuracies, ...(saturation ? { saturation } : {}), valley };
    pins++;
    root.dataset.pinned = described(config);
    redrawPinned();
  });
  unpin.addEventListener("click", () => {
    pinned = undefined;
    delete root.dataset.pinned;
    redrawPinned();
    pin.focus(); // the unpin button hides: the keyboard stays in the pin bar
  });
  /** After a pin or an unpin: the valley, and the finished run's charts and readout (a run in flight draws its own). */
  function redrawPinned(): void {
    valleyDrawnFor = "";
    drawValley();
    if (busy) {
      pinnedLine(inFlight!);
      return;
    }
    if (shown) drawDone(shown);
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
