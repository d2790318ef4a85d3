#!/usr/bin/env python3
"""Execute a notebook headless on the project's kernel, cell by cell, and write the executed copy.

    .venv/bin/python scripts/execute_notebook.py IN.ipynb OUT.ipynb [--timeout SECONDS]

Runs one cell at a time. On a cell that fails (the kernel's `error` output: the exception's message first) or that
writes anything to stderr (a warning is a defect in a handout), it stops with exit code 1 and a message naming the
notebook, the cell number, its first line and what it printed. The executed copy is not signed: like any notebook
someone downloads, it opens untrusted, and its charts are made to show there.
Prints one progress line per cell to stderr.
"""
import argparse
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def stderr_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(strip_ansi("\n".join(out.get("traceback", []))) or f"{out.get('ename')}: {out.get('evalue')}")
    return "".join(parts).strip()


def fail(path, index, cell, detail):
    first = (cell.source.strip().splitlines() or [""])[0]
    print(f"\nERROR in {path}, cell {index + 1} (code cell starting `{first}`):\n{detail or '(the kernel reported an error and printed nothing)'}",
          file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = ap.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    nbformat.validate(nb)
    workdir = os.path.dirname(os.path.abspath(args.input))
    client = NotebookClient(nb, kernel_name=args.kernel, timeout=args.timeout, allow_errors=False,
                            resources={"metadata": {"path": workdir}})
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    started = time.time()
    with client.setup_kernel():
        for n, index in enumerate(code, 1):
            cell = nb.cells[index]
            t0 = time.time()
            try:
                client.execute_cell(cell, index)
            except CellTimeoutError:
                fail(args.input, index, cell, f"timed out after {args.timeout} s")
            except CellExecutionError as e:
                fail(args.input, index, cell, stderr_text(cell) or str(e).strip())
            problem = stderr_text(cell)
            if problem:
                fail(args.input, index, cell, problem)
            print(f"  [{n}/{len(code)}] cell {index + 1} ok ({time.time() - t0:.1f} s)", file=sys.stderr, flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    nbformat.write(nb, args.output)
    print(f"  executed {args.input} in {time.time() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
