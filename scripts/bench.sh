#!/usr/bin/env bash
# `npm run bench`: the benchmark suite (not part of `npm test`). Does the same set-up as the tests
# (system packages, npm dependencies, the mediasoup worker, the web client), then runs the suite,
# which installs Janus from Debian when run as root and builds the C relays with gcc.
# Arguments go to bench/run.ts: --only <ids> and --quick, for development.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
printf '\n== benchmarks\n'
exec npx tsx bench/run.ts "$@"
