#!/usr/bin/env bash
# Idempotent set-up for a fresh clone. Needs Node >= 20 and Python >= 3.10, and no root:
#   1. npm dependencies into node_modules (npm ci; skipped while node_modules matches package-lock.json);
#   2. the library compiled into dist/ (npm run build; skipped while src/ is unchanged since the last build), which
#      notebooks import as the package "rmsprop-notebooks";
#   3. the project virtualenv .venv with JupyterLab, nbconvert and nbclient, pinned in requirements.txt
#      (re-installed when requirements.txt changes);
#   4. the TypeScript kernels, registered inside .venv (share/jupyter/kernels/tslab, and deno: Deno's kernel from
#      the npm package deno in node_modules), where the venv's Jupyter finds them with no environment variables;
#      nothing is written to your own Jupyter's folders.
# `setup.sh --browser` (the tests) also needs Debian's Chromium: installed with apt-get when it is missing and this
# runs as root, otherwise a message naming the packages. Nothing else here uses apt-get or root.
# `setup.sh --bench` (npm run bench) also installs what the original Python notebook needs (numpy, matplotlib,
# seaborn; requirements-bench.txt) into .venv.
# PYTHON=/path/to/python3 chooses the interpreter for the virtualenv.
# Run by `npm run handouts`, `npm test` and `npm start`; safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."
browser=0
bench=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    --bench) bench=1 ;;
    *) printf '[setup] error: invalid option: %s (expected --browser or --bench)\n' "$arg" >&2; exit 2 ;;
  esac
done
say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# 0. Node >= 20
command -v node >/dev/null 2>&1 || die "Node.js >= 20 is needed and no 'node' is on PATH (https://nodejs.org)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || die "Node.js >= 20 is needed; found $(node --version)"

# 1. npm dependencies, from the lockfile
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "npm dependencies are up to date"
fi

# 2. the library, compiled into dist/ when src/ or the compiler settings changed since the last build
src_hash() {
  node -e '
    const fs = require("node:fs"), path = require("node:path"), h = require("node:crypto").createHash("sha256");
    const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of [...walk("src"), "tsconfig.json", "tsconfig.build.json", "package-lock.json", "scripts/build-playground.ts"]) {
      h.update(f + "\0").update(fs.readFileSync(f)).update("\0");
    }
    console.log(h.digest("hex"));'
}
want_hash=$(src_hash)
if [ ! -f dist/.src.sha256 ] || [ "$(cat dist/.src.sha256)" != "$want_hash" ]; then
  say "compiling the library into dist/ (npm run build)…"
  rm -rf dist
  npx --no-install tsc -p tsconfig.build.json || die "the library does not compile (npm run build)"
  npx --no-install tsx scripts/build-playground.ts || die "the playground does not bundle (npm run build)"
  echo "$want_hash" > dist/.src.sha256
else
  say "library in dist/: up to date"
fi

# 3. the project virtualenv
python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; }
find_python() {
  if [ -n "${PYTHON:-}" ]; then
    python_ok "$PYTHON" || die "PYTHON=$PYTHON is not a Python >= 3.10"
    echo "$PYTHON"; return
  fi
  for p in python3 python3.13 python3.12 python3.11 python3.10 python; do
    if command -v "$p" >/dev/null 2>&1 && python_ok "$p"; then command -v "$p"; return; fi
  done
  die "Python >= 3.10 is needed and none was found on PATH (set PYTHON=/path/to/python3)"
}
VENV_PY=.venv/bin/python
if ! "$VENV_PY" -c 'import sys' >/dev/null 2>&1; then
  py=$(find_python)
  say "creating the project virtualenv .venv ($("$py" --version 2>&1))…"
  rm -rf .venv
  if ! "$py" -m venv .venv; then
    rm -rf .venv
    die "'$py -m venv' failed. Install your Python's venv module (Debian/Ubuntu: the python3-venv package) or set PYTHON to another Python >= 3.10"
  fi
fi
# pip install -r FILE into .venv, unless FILE is unchanged since it was last installed
pip_install() { # requirements-file what
  local stamp=".venv/.$1.sha256" want
  want=$("$VENV_PY" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1")
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing $2 into .venv (pip install -r $1)…"
    "$VENV_PY" -m pip install --disable-pip-version-check --no-input --quiet -r "$1"
    echo "$want" > "$stamp"
  else
    say "$2 in .venv: up to date"
  fi
}
pip_install requirements.txt "JupyterLab, nbconvert and nbclient"
if [ "$bench" = 1 ]; then pip_install requirements-bench.txt "numpy, matplotlib and seaborn (for the original notebook)"; fi

# 4. the kernel, inside the venv
node kernel/install.js >/dev/null
node kernel/install.js --deno >/dev/null
say "$("$VENV_PY" -c "import jupyterlab, nbconvert; print(f'JupyterLab {jupyterlab.__version__}, nbconvert {nbconvert.__version__}')");" \
  "kernels tslab and deno in .venv/share/jupyter/kernels"

# 5. (tests only) Debian's Chromium for the browser tests, and an emoji font for its screenshots
if [ "$browser" = 1 ]; then
  missing=()
  for p in chromium fonts-noto-color-emoji; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      say "installing Debian packages for the browser tests: ${missing[*]} (apt-get)…"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    elif [ ! -x /usr/bin/chromium ]; then
      die "the browser tests need Debian's Chromium at /usr/bin/chromium: as root, apt-get install ${missing[*]}"
    fi
  fi
  say "$(/usr/bin/chromium --version 2>/dev/null | head -1)"
fi
