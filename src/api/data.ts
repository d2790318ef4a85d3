/** `rms.data`: numpy's random generator and the spiral dataset, with the original's settings. */
export { MT19937 } from "../random/mt19937";
export { RandomState } from "../random/random-state";
export { generateSpiralData, type Dataset, type SpiralOptions } from "../data/spiral";
export { DEFAULTS } from "../defaults";
