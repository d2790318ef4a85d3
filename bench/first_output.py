"""Time to first output, as a learner meets it: start a fresh kernel, run the notebook's first code cell.
Ours: the project's kernel (tslab) and the first code cell of notebooks/7_6_rmsprop.ipynb, in notebooks/.
The original: ipykernel and the original notebook's §1 cell (numpy, matplotlib, seaborn), from ../shared/seed.
Both alternate, REPS times each after one warm-up of each. Prints one JSON object:
  {"ours": {"start_s": [...], "cell_s": [...], "total_s": [...]}, "original": {...}}
Usage: python bench/first_output.py [REPS] [KERNEL]   (from the project venv, after setup.sh --bench)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import start_new_kernel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "fixtures"))
from seed_cells import code_cells  # noqa: E402

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
KERNEL = sys.argv[2] if len(sys.argv) > 2 else "tslab"
NOTEBOOK = os.path.join(ROOT, "notebooks", "7_6_rmsprop.ipynb")
OURS = next(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
ORIGINAL = code_cells()[0]


def first_output(kernel, code, cwd):
    """Seconds to a ready kernel, then to the end of the first cell (every output received)."""
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=kernel, cwd=cwd, stderr=subprocess.DEVNULL)
    try:
        t1 = time.perf_counter()
        reply = kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
        t2 = time.perf_counter()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the first cell failed on {kernel}: {reply['content']}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return t1 - t0, t2 - t1


def main():
    sides = {"ours": (KERNEL, OURS, os.path.dirname(NOTEBOOK)), "original": ("python3", ORIGINAL, tempfile.mkdtemp())}
    result = {name: {"start_s": [], "cell_s": [], "total_s": []} for name in sides}
    for name, args in sides.items():
        first_output(*args)  # warm-up: disk caches, Python bytecode
    for _ in range(REPS):
        for name, args in sides.items():
            start, cell = first_output(*args)
            result[name]["start_s"].append(start)
            result[name]["cell_s"].append(cell)
            result[name]["total_s"].append(start + cell)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
