/** The notebooks' computed prose, one module per notebook: `rms.explain.rmsprop.claims(…)`. */
export * as momentum from "./momentum";
export * as rmsprop from "./rmsprop";
export * as adam from "./adam";
