#!/usr/bin/env python3
"""Rebuild the original Python notebook (markdown and code cells, in order) from ../shared/seed as an .ipynb.

    .venv/bin/python bench/seed_notebook.py OUT.ipynb
"""
import os
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "fixtures"))
from seed_cells import notebook_cells  # noqa: E402

nb = new_notebook(
    cells=[new_code_cell(t) if k == "code" else new_markdown_cell(t) for k, t in notebook_cells()],
    metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
)
nbformat.validate(nb)
nbformat.write(nb, sys.argv[1])
print(f"{sys.argv[1]}: {sum(1 for c in nb.cells if c.cell_type == 'code')} code cells, {sum(1 for c in nb.cells if c.cell_type == 'markdown')} markdown cells")
