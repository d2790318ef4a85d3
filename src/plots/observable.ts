import type * as PlotModule from "@observablehq/plot";

/**
 * Observable Plot, loaded when the first chart is drawn, so that importing the library does not load it. (Plot is an
 * ES module; Node ≥ 20.19 can `require` it.)
 */
export function observablePlot(): typeof PlotModule {
  return require("@observablehq/plot") as typeof PlotModule;
}
