// danfojs-node requires "@tensorflow/tfjs-node"; the pure-JS build has the same API (no native kernels).
module.exports = require("@tensorflow/tfjs");
