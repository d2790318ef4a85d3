/** `rms.plots`: one function per chart, data in, SVG out; colours and labels default from the optimizer's name. */
export { curvesOf, lossCurvesChart, type Curve, type LossChartOptions } from "../plots/loss-curves";
export { lineChart, type LineChartOptions, type Series } from "../plots/line";
export { accumulationChart } from "../plots/accumulation";
export { crossoverChart } from "../plots/crossover";
export { ratesChart, stepsChart } from "../plots/rates";
export { forgettingChart } from "../plots/forgetting";
export { roundingChart } from "../plots/rounding";
export { sparseDenseCharts } from "../plots/sparse-dense";
export { betaLrHeatmap, heatmapChart, type HeatCell, type HeatmapOptions } from "../plots/heatmap";
export { boundaryOf, decisionBoundaryChart, type BoundaryOptions } from "../plots/boundary";
export { trajectoryOverlay, trajectoryPanels, type Path, type TrajectoryOptions } from "../plots/trajectory";
export {
  bandOf, seedBandsChart, seedHeatmap, type SeedBand, type SeedBandsOptions, type SeedCell, type SeedHeatmapOptions,
} from "../plots/seed-bands";
export { chartImg, figure, type FigureOptions, type LegendItem, type Panel } from "../plots/figure";
export { colorOf, COLORS, MORE_COLORS, OPTIMIZER_COLORS, type ChartOptions } from "../plots/dom";
