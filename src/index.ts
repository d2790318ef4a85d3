/**
 * The public API the notebooks import (`import * as rms from "rmsprop-notebooks"`), grouped the way a learner meets
 * it: `rms.data` → `rms.nn` (and `rms.matrix` for the network written in cells) → `rms.optim` → `rms.train` →
 * `rms.plots` and `rms.show` (with `rms.text` for printed numbers) → `rms.exercises`. Internals and test hooks are
 * not here: tests import them from their modules.
 */
export { ValidationError } from "./errors";
export * as data from "./api/data";
/** Whole-matrix operations in numpy's order of arithmetic, for the network the notebooks write in cells. */
export * as matrix from "./matrix";
export * as nn from "./api/nn";
export * as optim from "./api/optim";
export * as train from "./api/train";
export * as plots from "./api/plots";
export * as show from "./api/show";
export * as text from "./api/text";
export * as exercises from "./api/exercises";
/** The numbers 7_4's and 7_7's prose states, one module per notebook. */
export * as explain from "./notebook/explain/index";
