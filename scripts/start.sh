#!/usr/bin/env bash
# npm start: JupyterLab 4 from the project virtualenv, on notebooks/, with the project's TypeScript kernel.
# Listens on 127.0.0.1 only and prints the URL to open, with its token. Set PORT to choose the port (default 8888;
# JupyterLab takes the next free one if it is busy). Arguments after `npm start --` go to `jupyter lab`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
root=()
[ "$(id -u)" = 0 ] && root=(--allow-root)
echo "[start] JupyterLab on notebooks/: open the http://127.0.0.1:…/lab?token=… URL printed below; Ctrl+C stops it."
exec .venv/bin/jupyter lab --no-browser --ip=127.0.0.1 --port="${PORT:-8888}" --ServerApp.root_dir="$PWD/notebooks" \
  "${root[@]}" "$@"
