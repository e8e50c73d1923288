#!/usr/bin/env bash
# Sets up everything Parley needs on this machine, idempotently and quickly when already done:
# system packages (as root), npm dependencies, the mediasoup worker and the web client build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$1"; }

step "system packages"
bash scripts/setup-system.sh

step "npm dependencies"
stamp=node_modules/.parley-lock-hash
lock_hash=$(sha256sum package-lock.json | cut -c1-32)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_hash" ]; then
  # mediasoup's postinstall would download a prebuilt worker or build one with downloaded
  # dependencies; neither works offline. It is skipped here and ensure-worker.mjs takes over
  # (prebuilt when reachable, else a cached build against the system libraries).
  # Electron's binary download is skipped too: where it cannot be had, npm start says so.
  MEDIASOUP_WORKER_BIN=managed-by-ensure-worker ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >"$stamp"
else
  echo "up to date"
fi

step "mediasoup worker"
node scripts/ensure-worker.mjs

step "web client"
npm run --silent build:web -- --logLevel warn
echo "built dist/web"

step "desktop main process"
node scripts/build-main.mjs
