/**
 * `rms.optim`: the optimizers as pure rules (`init(params) → state`, `update(grads, state, params)`), one registry
 * entry each (`OPTIMIZERS`: label, colour, options, presets), `elementwise` to write a rule for one number, and the
 * frameworks' variants. Everything src/optim/index.ts exports is public: a new optimizer is its rule file, its
 * registry entry (src/optim/options.ts) and its export there.
 */
export * from "../optim/index";
