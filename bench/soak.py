"""A long interactive session on one kernel, as a learner has it: the set-up cells once, then ROUNDS times the
§7 training cell edited (optimizer, learning rate, β, hidden units) and re-run, its table, and its chart.
Samples the kernel's resident memory (VmRSS, /proc) after each round and prints one JSON object:
  {"rounds": N, "seconds": …, "rss_mb": [after round 1, …], "peak_rss_mb": VmHWM at the end, "kernel": name}
Usage: python bench/soak.py [ROUNDS] [KERNEL]   (from the project venv; the kernel must be installed)
"""
import json
import os
import sys
import time

from jupyter_client.manager import start_new_kernel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
KERNEL = sys.argv[2] if len(sys.argv) > 2 else "tslab"
LRS = [0.001, 0.003, 0.01, 0.03, 0.1]
HIDDEN = [10, 16, 24]

SETUP = [
    'import * as rms from "rmsprop-notebooks";',
    'const data = rms.data.generateSpiralData(); // the original\'s spiral: the library\'s defaults',
]
# the optimizers, and the option each one's β control sets (none: null), as the library's registry lists them
REGISTRY = 'console.log(JSON.stringify(rms.optim.OPTIMIZER_NAMES.map((n) => [n, rms.optim.OPTIMIZERS[n].beta ?? null])));'


def round_cells(i, optimizers):
    """The cells a learner re-runs in round i: settings change every round. `optimizers`: [name, its β's option]."""
    opt, beta_option = optimizers[i % len(optimizers)]
    lr = LRS[(i // len(optimizers)) % len(LRS)]
    beta = 0.8 + 0.19 * ((i * 7) % 10) / 9  # 0.8 … 0.99
    extra = f", {beta_option}: {beta:.4f}" if beta_option else ""
    hidden = HIDDEN[i % len(HIDDEN)]
    return [
        f'const run = rms.train.run({{ optimizer: "{opt}", lr: {lr}{extra}, hidden: {hidden}, '
        f'epochs: 2000, seed: 42 }}, {{ data: data }});\nconsole.log(rms.train.finalLossLine(run));',
        'rms.show.showRuns([run], { caption: "this round" });',
        'rms.show.showChart(rms.plots.lossCurvesChart(rms.plots.curvesOf([run]),\n'
        '  { title: `Loss of this round (${rms.show.runLabel(run)})` }));',
    ]


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for pid {pid}")


def main():
    km, kc = start_new_kernel(kernel_name=KERNEL, cwd=os.path.join(ROOT, "notebooks"))
    pid = km.provisioner.process.pid
    outputs = []

    def run(code):
        """Run a cell; its stdout text."""
        errors = []
        stdout = []

        def hook(msg):
            if msg["msg_type"] == "error":
                errors.append(msg["content"]["evalue"])
            elif msg["msg_type"] in ("display_data", "stream"):
                outputs.append(msg["msg_type"])
                if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                    stdout.append(msg["content"]["text"])

        reply = kc.execute_interactive(code, timeout=300, output_hook=hook)
        if reply["content"]["status"] != "ok" or errors:
            raise RuntimeError(f"cell failed: {errors or reply['content']}\n{code}")
        return "".join(stdout)

    try:
        for code in SETUP:
            run(code)
        optimizers = json.loads(run(REGISTRY))
        rss = []
        t0 = time.perf_counter()
        for i in range(ROUNDS):
            for code in round_cells(i, optimizers):
                run(code)
            rss.append(status_kb(pid, "VmRSS") / 1024)
            if (i + 1) % 20 == 0:
                print(f"[soak] round {i + 1}/{ROUNDS}: RSS {rss[-1]:.0f} MB", file=sys.stderr, flush=True)
        seconds = time.perf_counter() - t0
        peak = status_kb(pid, "VmHWM") / 1024
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps({"rounds": ROUNDS, "seconds": seconds, "rss_mb": rss, "peak_rss_mb": peak,
                      "kernel": KERNEL, "outputs": len(outputs)}))


if __name__ == "__main__":
    main()
