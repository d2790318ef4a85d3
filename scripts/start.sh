#!/usr/bin/env bash
# Open the notebooks in Jupyter with the project's tslab kernel: JupyterLab when installed, else the classic
# Notebook (Debian has no JupyterLab). Listens on 127.0.0.1 only; prints the URL with its token.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export JUPYTER_PATH="$PWD/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
# Trust the notebooks so their chart and table outputs render (committed notebooks have no outputs; executed
# copies under build/notebooks are signed when they are built).
/usr/bin/python3 -m nbformat.sign notebooks/*.ipynb build/notebooks/*.ipynb >/dev/null 2>&1 || true
root=()
[ "$(id -u)" = 0 ] && root=(--allow-root)
port=${PORT:-8888}
if jupyter lab --version >/dev/null 2>&1; then
  exec jupyter lab --no-browser --ip 127.0.0.1 --port "$port" --notebook-dir "$PWD/notebooks" "${root[@]}" "$@"
fi
exec jupyter notebook --no-browser --ip 127.0.0.1 --port "$port" --notebook-dir "$PWD/notebooks" "${root[@]}" "$@"
