#!/usr/bin/env bash
# The whole test suite (`npm test`, and CI's .ci/run): set-up (idempotent, with Chromium for the browser tests),
# strict type checks, then every uvu suite in test/. `npm run test:unit` is the fast subset, the suites that need
# nothing beyond npm ci (docs/testing.md).
# Ends with one line "N passed, N failed" (type checks count as tests).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
check() { # name, command…
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
check "tsc --strict (tsconfig.json)" npx --no-install tsc --noEmit -p tsconfig.json
# what tslab compiles notebook imports with: its own TypeScript 5.0 and options (tsconfig.tslab.json)
check "tslab's TypeScript on src/ (tsconfig.tslab.json)" node node_modules/@tslab/typescript-for-tslab/lib/tsc.js -p tsconfig.tslab.json

log=$(mktemp)
env -u FORCE_COLOR NO_COLOR=1 npx --no-install uvu -r tsx test '\.test\.ts$' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
total=$(sed -n 's/^ *Total: *\([0-9]*\).*/\1/p' "$log" | tail -1)
ok=$(sed -n 's/^ *Passed: *\([0-9]*\).*/\1/p' "$log" | tail -1)
total=${total:-0}; ok=${ok:-0}
passed=$((passed + ok))
failed=$((failed + total - ok))
# a suite that crashed before reporting still counts as a failure
if [ "$status" -ne 0 ] && [ "$total" -eq "$ok" ]; then failed=$((failed + 1)); fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
