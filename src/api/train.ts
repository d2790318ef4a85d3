/**
 * `rms.train`: training and what is measured on it. `network` + `trainingLog` are the pieces of a notebook's own
 * `fit` loop; `fit` and `run` the library's; runs over seeds; the 2-D minimisations; the §4 simulations; analysis.
 */
export {
  fit, network, trainingLog, type Divergence, type FitOptions, type FitResult, type Network, type NetworkOptions, type Progress,
  type Run, type TrainingLog,
} from "../train/fit";
export { compareOriginal, rerun, train as run, RUN_SETTINGS, type RunConfig, type TrainOptions } from "../train/experiments";
export { trainAll } from "../train/parallel";
export {
  compareOverSeeds, curveBand, overSeeds, overSeedsAll, seedSpread, SEEDS, type CurveBand, type SeedComparison,
  type SeedOptions, type SeedRuns, type SeedSpread,
} from "../train/seeds";
export { minimize, objective, OBJECTIVES, type MinimizeResult, type Objective, type ObjectiveName } from "../train/minimize";
export {
  ema, simulateAccumulation, simulateSparseDense, type AccumulationOptions, type AccumulationSeries, type SparseDenseSeries,
} from "../train/simulation";
export {
  agreement, betaLrGrid, decayWeights, effectiveLrTrace, firstAbove, halfLife, headToHead, identicalRuns, memory,
  rankByFinalLoss, relativeGap, signChanges, summarizeRates, tuneLearningRate, type Agreement, type GridCell,
  type HeadToHead, type LrTrace, type RateSummary, type Spread, type Tuned,
} from "../train/analysis";
export { checkOriginalClaims, type ClaimsCheck, type LongRuns } from "../train/claims";
export { outcome, type Outcome } from "../train/summary";
export { completionLines, epochLine, finalLossLine, verboseProgress } from "../train/report";
