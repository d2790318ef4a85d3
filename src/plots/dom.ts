import type * as JsdomModule from "jsdom";
import { OPTIMIZER_NAMES, OPTIMIZERS, type OptimizerName } from "../optim/options";

/**
 * The `document` Plot draws into when the caller gives none: one jsdom window, made on first use. jsdom is loaded
 * then too, so that importing the library does not load it.
 */
let shared: Document | undefined;
export function defaultDocument(): Document {
  if (!shared) {
    const { JSDOM } = require("jsdom") as typeof JsdomModule;
    shared = new JSDOM("<!DOCTYPE html><html><body></body></html>").window.document;
  }
  return shared;
}

export interface ChartOptions {
  /** a DOM document to draw into (a browser's, or a jsdom one); by default a jsdom document made here */
  readonly document?: Document;
  readonly width?: number;
  readonly height?: number;
}

/**
 * The original notebook's colours, for the charts that mirror its own (7.6 §4 and §8). Its AdaGrad and RMSProp are
 * two close teals, so where both appear RMSProp is also drawn dashed.
 */
export const COLORS = {
  sgd: "#FF6B6B",
  adagrad: "#4ECDC4",
  rmsprop: "#95E1D3",
  /** §4 draws AdaGrad red and RMSProp teal */
  simAdagrad: "#FF6B6B",
  simRmsprop: "#4ECDC4",
} as const;

/**
 * One colour per optimizer in every other chart, from the registry (src/optim/options): the Okabe–Ito palette, which
 * stays distinguishable with the common colour-vision deficiencies.
 */
export const OPTIMIZER_COLORS = Object.fromEntries(OPTIMIZER_NAMES.map((n) => [n, OPTIMIZERS[n].color])) as Readonly<Record<OptimizerName, string>>;

/** More colours of the same palette, for a chart's further series (a second setting of one optimizer, …). */
export const MORE_COLORS = ["#56B4E9", "#000000", "#999999", "#882255"] as const;

/** An optimizer's colour (black for a name that is not one). */
export function colorOf(optimizer: string): string {
  return (OPTIMIZER_COLORS as Record<string, string>)[optimizer] ?? "#000000";
}

/** Refuse to draw non-finite values silently: a chart of NaN is an empty line that looks like a result. */
export function checkFiniteSeries(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new RangeError(`cannot plot ${name}: value ${values[i]} at index ${i} is not finite (did training diverge?)`);
    }
  }
}
