#!/usr/bin/env bash
# The main job: set up (idempotent), execute every notebook headless on the tslab kernel, and write
#   build/notebooks/NAME.ipynb          executed, not signed (opens untrusted, as a download does; charts show)
#   build/handouts/NAME.html            full handout (code + outputs)
#   build/handouts/NAME.no-input.html   code hidden
#   build/student/NAME.ipynb            the learner's copy: each solution (the lines from `// BEGIN SOLUTION` to
#                                       `// END SOLUTION`) replaced by `throw new Error("not written yet");`,
#                                       outputs cleared (scripts/lib/student.ts)
# Handouts are self-contained: math pre-rendered to SVG, charts and tables inline, no scripts from this machine.
# Stops with the notebook and cell named on the first error (a bad solution marker stops it before any execution).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx --no-install tsx scripts/lib/pipeline.ts
