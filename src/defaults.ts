/**
 * The original notebook's settings, in one place: every function and command that has a default for one of these
 * takes it from here.
 */
export const DEFAULTS = {
  /** the seed of the spiral's noise and shuffle, and of the starting weights (the original reseeds 42 for each) */
  seed: 42,
  /** training epochs, as in the original's §7 */
  epochs: 2000,
  /** hidden units of the 2-layer network */
  hidden: 10,
  /** samples of the spiral dataset (150 per class) */
  samples: 300,
  /** standard deviation of the Gaussian noise on the spiral's coordinates */
  noise: 0.1,
} as const;

/**
 * The memory bound of the notebooks' kernel: its peak resident memory over a Run All and over a long session (the
 * soak) stays under this many MB. The bench (bench/run.ts) and the soak test (test/soak.test.ts) read it.
 */
export const KERNEL_PEAK_RSS_BOUND_MB = 350;
