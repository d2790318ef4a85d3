import { checkInteger } from "../errors";
import type { Matrix } from "../matrix";
import { forward, Workspace, type MLPParams, type MLPShape } from "./mlp";

export interface GridSpec {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  /** cells across and down */
  readonly nx: number;
  readonly ny: number;
}

export interface ProbabilityGrid extends GridSpec {
  /** P(class 1) at each cell centre, row by row from yMax (top) to yMin, each row from xMin to xMax */
  readonly values: Float64Array;
}

/** The network's predicted probability of class 1 over a grid of the input plane: what a decision boundary shows. */
export function predictGrid(params: MLPParams, shape: MLPShape, spec: GridSpec): ProbabilityGrid {
  const nx = checkInteger("nx", spec.nx, 1);
  const ny = checkInteger("ny", spec.ny, 1);
  const m = nx * ny;
  const X: Matrix = { rows: 2, cols: m, data: new Float64Array(2 * m) };
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const j = r * nx + c;
      X.data[j] = spec.xMin + ((c + 0.5) * (spec.xMax - spec.xMin)) / nx;
      X.data[m + j] = spec.yMax - ((r + 0.5) * (spec.yMax - spec.yMin)) / ny;
    }
  }
  const ws = new Workspace(shape, m);
  const values = Float64Array.from(forward(params, X, ws));
  ws.release();
  return { ...spec, nx, ny, values };
}

/** A grid spec covering the data's points with a margin. */
export function gridAround(X: Matrix, n = 120, margin = 0.3): GridSpec {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let j = 0; j < X.cols; j++) {
    xMin = Math.min(xMin, X.data[j]!);
    xMax = Math.max(xMax, X.data[j]!);
    yMin = Math.min(yMin, X.data[X.cols + j]!);
    yMax = Math.max(yMax, X.data[X.cols + j]!);
  }
  return { xMin: xMin - margin, xMax: xMax + margin, yMin: yMin - margin, yMax: yMax + margin, nx: n, ny: n };
}
