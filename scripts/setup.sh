#!/usr/bin/env bash
# Idempotent set-up for a fresh clone: npm dependencies, Debian's Jupyter packages when missing, and the
# project's own tslab kernelspec (jupyter/kernels/tslab, found through JUPYTER_PATH; nothing global).
# Run by `npm run handouts`, `npm test`, `npm start` and (with --bench) `npm run bench`; safe to run again at any time.
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

# 2. Debian packages, installed only when missing: Jupyter (nbconvert, nbclient, classic Notebook, ipykernel) to
#    run and convert the notebooks; Chromium and an emoji font for the browser tests and screenshots.
PACKAGES=(jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-notebook python3-nbformat
  chromium fonts-noto-color-emoji)
# `setup.sh --bench`: also what the numpy original needs to run (npm run bench)
[ "${1:-}" = "--bench" ] && PACKAGES+=(python3-numpy python3-matplotlib python3-seaborn)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Debian packages: ${missing[*]} (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "[setup] error: missing Debian packages: ${missing[*]}" >&2
    echo "[setup]        install them (apt-get install ${missing[*]}) as root, then re-run." >&2
    exit 1
  fi
fi
say "Jupyter $(jupyter nbconvert --version 2>/dev/null | head -1) (nbconvert), $(chromium --version 2>/dev/null | head -1)"

# 3. the tslab kernelspec: committed in jupyter/kernels/tslab; it runs this clone's node_modules/tslab
export JUPYTER_PATH="$PWD/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
if ! jupyter kernelspec list 2>/dev/null | grep -q "$PWD/jupyter/kernels/tslab"; then
  echo "[setup] error: the tslab kernelspec at jupyter/kernels/tslab is not visible to Jupyter" >&2
  exit 1
fi
[ -L notebooks/src ] || { echo "[setup] error: notebooks/src must be a symlink to ../src (tslab imports src/ through it)" >&2; exit 1; }
say "tslab kernel: $PWD/jupyter/kernels/tslab (JUPYTER_PATH=$PWD/jupyter)"
