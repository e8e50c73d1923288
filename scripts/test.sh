#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every check: types, lint, unit and integration tests against real
# mediasoup workers, and end-to-end calls in Chromium. Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
rm -rf test-results/junit test-results/e2e-report.json && mkdir -p test-results/junit

# PARLEY_TEST_LOAD=N runs N busy processes at normal priority beside the checks (after set-up),
# the way CI machines and users' laptops look: the suite must tell the truth under that load too.
busy=()
stop_load() { [ ${#busy[@]} -eq 0 ] || kill "${busy[@]}" 2>/dev/null || true; }
trap stop_load EXIT
for _ in $(seq 1 "${PARLEY_TEST_LOAD:-0}"); do
  node -e 'for (;;) {}' &
  busy+=("$!")
done
[ ${#busy[@]} -eq 0 ] || echo "running beside ${#busy[@]} busy process(es): ${busy[*]}"

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
