/** The notebooks' computed numbers, one module per notebook: `rms.explain.momentum.…`. */
export * as momentum from "./momentum";
export * as adam from "./adam";
