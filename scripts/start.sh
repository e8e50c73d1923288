#!/usr/bin/env bash
# Sets everything up (see setup.sh) and starts Parley. Where the Electron desktop app cannot run
# (no Electron binary, or no display), it says so and starts the meeting host in this terminal,
# printing a join link for a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

electron_bin=$(node -e "try { process.stdout.write(require('electron')) } catch {}" 2>/dev/null || true)
if [ -z "$electron_bin" ] || [ ! -x "$electron_bin" ]; then
  reason="there is no Electron binary on this machine (its download failed or was skipped)"
elif [ "$(uname)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  reason="there is no display (DISPLAY or WAYLAND_DISPLAY is not set)"
else
  exec npm run --silent app
fi

echo
echo "The Parley desktop app cannot run here because $reason, so the meeting host starts in this terminal instead: open the \"Open here\" link below (http://localhost, no certificate warning) in Chromium or Chrome."
exec npx tsx server/src/cli.ts --lan --host "${PARLEY_HOST:-127.0.0.1}" "$@"
