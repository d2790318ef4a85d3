#!/usr/bin/env bash
# Idempotent set-up for a fresh clone: npm dependencies, Debian's Jupyter packages when missing, and the
# project's own tslab kernelspec (jupyter/kernels/tslab, found through JUPYTER_PATH; nothing global).
# Run by `npm run handouts`, `npm test` and `npm start`; safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[setup] %s\n' "$*"; }

# 1. npm dependencies (installed from the lockfile; re-installed when package-lock.json is newer)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "npm dependencies are up to date"
fi

# 2. Jupyter (nbconvert + nbclient + classic Notebook) from Debian, when missing
need_jupyter() {
  ! command -v jupyter >/dev/null 2>&1 || ! jupyter nbconvert --version >/dev/null 2>&1 ||
    ! /usr/bin/python3 -c "import nbformat, nbclient, notebook" >/dev/null 2>&1
}
if need_jupyter; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Debian's Jupyter packages (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends jupyter-nbconvert python3-nbclient python3-ipykernel \
      jupyter-client jupyter-notebook python3-nbformat >/dev/null
  else
    echo "[setup] error: Jupyter (jupyter-nbconvert, python3-nbclient, jupyter-notebook) is missing and cannot be" >&2
    echo "[setup]        installed here (needs apt-get as root). Install those Debian packages, then re-run." >&2
    exit 1
  fi
else
  say "Jupyter is installed ($(jupyter nbconvert --version 2>/dev/null | head -1) nbconvert)"
fi

# 3. the tslab kernelspec: committed in jupyter/kernels/tslab; it runs this clone's node_modules/tslab
export JUPYTER_PATH="$PWD/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
if ! jupyter kernelspec list 2>/dev/null | grep -q "$PWD/jupyter/kernels/tslab"; then
  echo "[setup] error: the tslab kernelspec at jupyter/kernels/tslab is not visible to Jupyter" >&2
  exit 1
fi
[ -L notebooks/src ] || { echo "[setup] error: notebooks/src must be a symlink to ../src (tslab imports src/ through it)" >&2; exit 1; }
say "tslab kernel: $PWD/jupyter/kernels/tslab (JUPYTER_PATH=$PWD/jupyter)"
