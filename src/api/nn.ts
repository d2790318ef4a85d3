/**
 * `rms.nn`: the 2-layer network. The original's functions as it writes them (relu … backwardPropagation, on
 * `rms.matrix`), and the fast Float64Array form tested bit-identical to them (initParams, forward, backward, …).
 */
export {
  asMatrices, backwardPropagation, computeLoss, forwardPropagation, relu, reluDerivative, sigmoid, type Cache, type Weights,
} from "../nn/reference";
export {
  accuracy, backward, bceLoss, forward, initParams, paramShapes, PARAM_NAMES, type MLPParams, type MLPShape, type ParamName,
} from "../nn/mlp";
export { gridAround, predictGrid, type GridSpec, type ProbabilityGrid } from "../nn/predict";
