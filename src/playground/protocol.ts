/** Messages between the playground's page (./page) and its training worker (./worker). */
import { DEFAULTS } from "../defaults";
import type { ProbabilityGrid } from "../nn/predict";
import type { RunConfig } from "../train/experiments";
import type { Saturation } from "./saturation";

/** Train this config on the original's spiral (`SPIRAL`). */
export interface TrainRequest {
  readonly id: number;
  readonly config: RunConfig;
}

export type TrainReply =
  /** the loss so far, every `PROGRESS_EVERY` epochs */
  | { readonly id: number; readonly kind: "progress"; readonly epochs: number[]; readonly losses: number[] }
  | {
    readonly id: number;
    readonly kind: "done";
    /** the run's settings, as the request gave them */
    readonly config: RunConfig;
    readonly losses: Float64Array;
    readonly accuracies: Float64Array;
    /** P(class 1) over the plane, for the decision boundary (none when the run diverged) */
    readonly grid?: ProbabilityGrid;
    /** the library's divergence message, when the loss or a parameter stopped being finite */
    readonly diverged?: string;
    /** samples of the final output at the clip of the loss's log (./saturation), when there are any */
    readonly saturation?: Saturation;
  }
  /** a setting the library refused (its ValidationError), or any other failure */
  | { readonly id: number; readonly kind: "error"; readonly message: string; readonly parameter?: string };

export const PROGRESS_EVERY = 100;
/** The spiral every run of the playground trains on: the original's (src/defaults). */
export const SPIRAL = { samples: DEFAULTS.samples, noise: DEFAULTS.noise, seed: DEFAULTS.seed } as const;
