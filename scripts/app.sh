#!/usr/bin/env bash
# Builds and launches the Parley desktop app (Electron). Expects `npm run setup` to have run
# (npm start does that first). Where Electron cannot run it says so in one sentence and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

electron_bin=$(node -e "try { process.stdout.write(require('electron')) } catch {}" 2>/dev/null || true)
if [ -z "$electron_bin" ] || [ ! -x "$electron_bin" ]; then
  echo "The Parley desktop app cannot start: there is no Electron binary on this machine (its download failed or was skipped)." >&2
  exit 1
fi
if [ "$(uname)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "The Parley desktop app cannot start: there is no display (DISPLAY or WAYLAND_DISPLAY is not set)." >&2
  exit 1
fi

node scripts/build-main.mjs
node scripts/ensure-electron-native.mjs
exec "$electron_bin" . "$@"
