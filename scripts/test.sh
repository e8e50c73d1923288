#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every check: types, lint, unit and integration tests against real
# mediasoup workers, and end-to-end calls in Chromium. Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
rm -rf test-results/junit && mkdir -p test-results/junit

status=0
run() {
  printf '\n== %s\n' "$1"
  shift
  "$@" || status=1
}
run "typecheck" npm run --silent typecheck
run "lint" npm run --silent lint
run "unit and integration tests" npx vitest run --reporter=default --reporter=junit --outputFile.junit=test-results/junit/unit.xml
run "end-to-end tests (Chromium)" npx playwright test -c e2e/playwright.config.ts

node scripts/test-summary.mjs test-results/junit || status=1
exit $status
