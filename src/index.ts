/** The public API the notebooks and the CLI import. */
export { ValidationError } from "./errors";
export { formatFixed } from "./format";
export { fromNested, linspace, pairwiseSum, toNested, zeros, type Matrix } from "./matrix";
export { MT19937 } from "./random/mt19937";
export { RandomState } from "./random/random-state";
export { generateSpiralData, type Dataset, type SpiralOptions } from "./data/spiral";
export { DEFAULTS } from "./defaults";
export { ema, simulateAccumulation, simulateSparseDense, type AccumulationOptions, type AccumulationSeries, type SparseDenseSeries } from "./train/simulation";
export {
  accuracy, backward, bceLoss, checkData, forward, initParams, paramShapes, Workspace, PARAM_NAMES,
  type MLPParams, type MLPShape, type ParamName,
} from "./nn/mlp";
export * from "./optim/index";
export { fit, type Divergence, type FitOptions, type FitResult, type Progress } from "./train/fit";
export { compareOriginal, prepare, rerun, runPrepared, train, ORIGINAL_COMPARISON, RUN_SETTINGS, type PreparedRun, type Run, type RunConfig, type TrainOptions } from "./train/experiments";
export { completionLines, epochLine, finalLossLine, verboseProgress } from "./train/report";
export { outcome, summarize, firstEpochStaysBelow, epochsBelow, type RunSummary } from "./train/summary";
export { accumulationChart } from "./plots/accumulation";
export { lossCurvesChart, type Curve, type LossChartOptions } from "./plots/loss-curves";
export { COLORS, defaultDocument, OPTIMIZER_COLORS, type ChartOptions } from "./plots/dom";
export { chartImg, figure, type FigureOptions, type LegendItem, type Panel } from "./plots/figure";
export { liveLine, showChart, showHtml, showMarkdown, showSource, showTable } from "./notebook/display";
export { frameToHtml, type FrameLike, type TableOptions } from "./notebook/table";
export { sourceOf, sourceMarkdown } from "./notebook/source";
export { frameOf, summaryFrame } from "./notebook/frames";
export { packageVersion, versionsLine } from "./notebook/versions";
export { checkOriginalClaims, type ClaimsCheck } from "./train/claims";
export { minimize, objective, OBJECTIVES, type MinimizeResult, type Objective, type ObjectiveName } from "./train/minimize";
export { gridAround, predictGrid, type GridSpec, type ProbabilityGrid } from "./nn/predict";
export { betaLrGrid, decayWeights, effectiveLrTrace, tuneLearningRate, type GridCell, type LrTrace, type Tuned } from "./train/analysis";
export type { Hooks } from "./train/experiments";
export { lineChart, type LineChartOptions, type Series } from "./plots/line";
export { heatmapChart, type HeatCell, type HeatmapOptions } from "./plots/heatmap";
export { decisionBoundaryChart, type BoundaryOptions } from "./plots/boundary";
export { trajectoryPanels, type Path, type TrajectoryOptions } from "./plots/trajectory";
