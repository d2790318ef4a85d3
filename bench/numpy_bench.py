#!/usr/bin/env python3
"""Time the original notebook's own classes (code cells from ../shared/seed) with numpy (installed in .venv by scripts/setup.sh --bench); print JSON.

    .venv/bin/python bench/numpy_bench.py seed     REPS   # SGD, AdaGrad, RMSProp x 2000 epochs, 300 samples
    .venv/bin/python bench/numpy_bench.py scaled   REPS   # RMSProp, 64 hidden units, 30,000 samples: s per epoch
    .venv/bin/python bench/numpy_bench.py scaling  REPS   # RMSProp, 64 hidden, s per epoch for 1k … 100k samples
One warm-up, then the median of REPS timed repetitions. Run it with OPENBLAS_NUM_THREADS=1 for one thread.
"""
import contextlib
import io
import json
import os
import statistics
import sys
import time
import types

import matplotlib

matplotlib.use("Agg")
sys.modules.setdefault("seaborn", types.SimpleNamespace(set_palette=lambda *a, **k: None))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "fixtures"))
from seed_cells import code_cells  # noqa: E402

ns = {}
with contextlib.redirect_stdout(io.StringIO()):
    cells = code_cells()
    for i in (0, 2, 3, 4, 5):  # imports, data, activations, the RMSProp class, the comparison classes
        exec(cells[i], ns)


def median_time(fn, reps):
    fn()  # warm-up
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def per_epoch(n_samples, reps, epochs):
    X, Y = ns["generate_spiral_data"](n_samples=n_samples, noise=0.1)
    med, times = median_time(lambda: ns["RMSProp"](n_h=64, learning_rate=0.001).fit(X, Y, epochs=epochs), reps)
    return med / epochs, [t / epochs for t in times]


def main():
    what, reps = sys.argv[1], int(sys.argv[2])
    out = {}
    if what == "seed":
        X, Y = ns["X"], ns["Y"]
        makers = {"sgd": lambda: ns["VanillaSGD"](learning_rate=0.01), "adagrad": lambda: ns["AdaGrad"](learning_rate=0.1),
                  "rmsprop": lambda: ns["RMSProp"](learning_rate=0.001, beta=0.9)}
        for name, make in makers.items():
            med, times = median_time(lambda: make().fit(X, Y, epochs=2000), reps)
            out[name] = {"median_s": med, "times_s": times}
    elif what == "scaled":
        med, times = per_epoch(30000, reps, 5)
        out = {"median_s_per_epoch": med, "times_s_per_epoch": times}
    elif what == "scaling":
        for n in (1000, 3000, 10000, 30000, 100000):
            out[str(n)] = per_epoch(n, reps, 3 if n >= 30000 else 10)[0]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
