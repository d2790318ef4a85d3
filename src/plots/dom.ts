import { JSDOM } from "jsdom";

/** The `document` Plot draws into when the caller gives none: one jsdom window, made on first use. */
let shared: Document | undefined;
export function defaultDocument(): Document {
  shared ??= new JSDOM("<!DOCTYPE html><html><body></body></html>").window.document;
  return shared;
}

export interface ChartOptions {
  /** a DOM document to draw into (a browser's, or a jsdom one); by default a jsdom document made here */
  readonly document?: Document;
  readonly width?: number;
  readonly height?: number;
}

/** Colours of the original notebook's charts. */
export const COLORS = {
  sgd: "#FF6B6B",
  adagrad: "#4ECDC4",
  rmsprop: "#95E1D3",
  /** §4 uses AdaGrad red and RMSProp teal */
  simAdagrad: "#FF6B6B",
  simRmsprop: "#4ECDC4",
  /** the analysis and the sibling notebooks: one distinct colour per optimizer */
  momentum: "#F4A261",
  rmspropDark: "#2A9D8F",
  adam: "#6C5CE7",
} as const;

/** A colour per optimizer name, for charts that compare all five. */
export const OPTIMIZER_COLORS: Readonly<Record<string, string>> = {
  sgd: COLORS.sgd, momentum: COLORS.momentum, adagrad: COLORS.adagrad, rmsprop: COLORS.rmspropDark, adam: COLORS.adam,
};

/** Refuse to draw non-finite values silently: a chart of NaN is an empty line that looks like a result. */
export function checkFiniteSeries(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new RangeError(`cannot plot ${name}: value ${values[i]} at index ${i} is not finite (did training diverge?)`);
    }
  }
}
