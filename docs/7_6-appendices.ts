// Reproduces the numbers of docs/7_6-appendices.md (run from the repository root: npx tsx docs/7_6-appendices.ts)
import * as rms from "../src/index";
const data = rms.data.generateSpiralData({ samples: 300, noise: 0.1, seed: 42 });
// A. the last bits: PyTorch's RMSProp with momentum 0.9, rounded as PyTorch does and in the original's order
const chaos = { optimizer: "rmsprop", preset: "pytorch", momentum: 0.9, epochs: 2000 };
const asTorch = rms.train.run({ ...chaos, arithmetic: "torch" }, { data });
const asNumpy = rms.train.run({ ...chaos, arithmetic: "numpy" }, { data });
const agree = rms.train.agreement(asTorch.losses, asNumpy.losses);
console.log(`agree to 12 digits up to epoch ${agree.agree12}, to 6 up to epoch ${agree.agree6}`);
if (agree.firstDifference) console.log(`first difference: epoch ${agree.firstDifference.epoch}, ${rms.text.sci(agree.firstDifference.gap, 1)} of the loss`);
console.log(`largest gap ${rms.text.fixed(100 * agree.largestGap, 2)}% of the loss at epoch ${agree.largestGapEpoch}`);
console.log(`final losses ${rms.text.fixed(rms.text.last(asTorch.losses))} (PyTorch's rounding), ${rms.text.fixed(rms.text.last(asNumpy.losses))} (the original's order)`);
// B. a run that diverges: SGD with α = 1e300
const wild = rms.train.run({ optimizer: "sgd", lr: 1e300, epochs: 50 }, { data });
console.log(wild.diverged ? `diverged: ${wild.diverged.message}` : "no divergence");
console.log(`finite epochs recorded: ${wild.losses.length} of ${wild.runConfig.epochs}`);
