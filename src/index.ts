/** The public API the notebooks and the CLI import. */
export { ValidationError } from "./errors";
export { formatFixed } from "./format";
export { fromNested, largestDifference, linspace, pairwiseSum, shapeOf, toNested, type Matrix } from "./matrix";
/** Whole-matrix operations in numpy's order of arithmetic, for the network the notebooks write in cells. */
export * as matrix from "./matrix";
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
export { parallelUsage, trainAll, workerCount } from "./train/parallel";
export { fit, network, trainingLog, type Divergence, type FitOptions, type FitResult, type Network, type NetworkOptions, type Progress, type TrainingLog } from "./train/fit";
export { compareOriginal, prepare, rerun, runPrepared, train, RUN_SETTINGS, type PreparedRun, type Run, type RunConfig, type TrainOptions } from "./train/experiments";
export { completionLines, epochLine, finalLossLine, verboseProgress } from "./train/report";
export { outcome, type Outcome } from "./train/summary";
export { accumulationChart } from "./plots/accumulation";
export { curvesOf, lossCurvesChart, type Curve, type LossChartOptions } from "./plots/loss-curves";
export { colorOf, COLORS, defaultDocument, MORE_COLORS, OPTIMIZER_COLORS, type ChartOptions } from "./plots/dom";
export { crossoverChart } from "./plots/crossover";
export { ratesChart, stepsChart } from "./plots/rates";
export { forgettingChart } from "./plots/forgetting";
export { roundingChart } from "./plots/rounding";
export { sparseDenseCharts } from "./plots/sparse-dense";
export { chartImg, figure, type FigureOptions, type LegendItem, type Panel } from "./plots/figure";
export { liveLine, liveProgress, showChart, showHtml, showMarkdown, showRuns, showSource, showTable } from "./notebook/display";
export { type FrameLike, type TableOptions } from "./notebook/table";
export { frameOf, gridFrame, memoryFrame, presetsFrame, RESULT_DECIMALS, richOf, runLabel, runsFrame } from "./notebook/frames";
export { danfo, type DataFrame, type GroupBy, type Series as FrameSeries } from "./notebook/dataframe";
export { chart, Chart, DISPLAY, matrixText, type Displayable, type MimeBundle } from "./notebook/jupyter";
export { bullets, fixed, largest, last, percent, sci, smallest } from "./notebook/text";
export * as explain from "./notebook/explain/index";
export { versionsLine } from "./notebook/versions";
export { tryIt } from "./notebook/try";
export { playgroundHtml, showPlayground, type PlaygroundOptions } from "./notebook/playground";
export {
  asMatrices, backwardPropagation, computeLoss, forwardPropagation, relu, reluDerivative, sigmoid, type Cache, type Weights,
} from "./nn/reference";
export { checkOriginalClaims, type ClaimsCheck, type LongRuns } from "./train/claims";
export { minimize, objective, OBJECTIVES, type MinimizeResult, type Objective, type ObjectiveName } from "./train/minimize";
export { gridAround, predictGrid, type GridSpec, type ProbabilityGrid } from "./nn/predict";
export {
  betaLrGrid, decayWeights, effectiveLrTrace, firstAbove, halfLife, identicalRuns, memory, relativeGap, signChanges, tuneLearningRate,
  type GridCell, type LrTrace, type Spread, type Tuned,
} from "./train/analysis";
export {
  agreement, headToHead, rankByFinalLoss, summarizeRates, type Agreement, type HeadToHead, type RateSummary,
} from "./train/analysis";
export type { Hooks } from "./train/experiments";
export { lineChart, type LineChartOptions, type Series } from "./plots/line";
export { betaLrHeatmap, heatmapChart, type HeatCell, type HeatmapOptions } from "./plots/heatmap";
export { boundaryOf, decisionBoundaryChart, type BoundaryOptions } from "./plots/boundary";
export { trajectoryOverlay, trajectoryPanels, type Path, type TrajectoryOptions } from "./plots/trajectory";
export { checkRule, checkValue, ExerciseError, nesterovReference, type Difference, type RuleCheckOptions, type ValueCheckOptions } from "./notebook/exercises";
export { compareOverSeeds, overSeeds, overSeedsAll, seedSpread, SEEDS, type SeedComparison, type SeedOptions, type SeedRuns, type SeedSpread } from "./train/seeds";
export { bandOf, seedBandsChart, seedHeatmap, type SeedBand, type SeedBandsOptions, type SeedCell, type SeedHeatmapOptions } from "./plots/seed-bands";
