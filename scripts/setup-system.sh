#!/usr/bin/env bash
# Installs the Debian packages Parley's build and tests need: the libraries the mediasoup worker
# links against, meson >= 1.1 (from bookworm-backports), Chromium for the e2e tests and the
# network tools the fault tests use, systemd-analyze to check the server's systemd unit, and
# redis-server, whose binary the cluster tests start on a free port of their own (no system service
# is started or needed: server/src/testing/redisServer.ts).
# Idempotent: does nothing when everything is present.
# As root it installs; otherwise it prints the one command to run and exits non-zero.
set -euo pipefail

packages=(
  build-essential pkg-config ninja-build
  libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev catch2
  chromium fonts-liberation
  iproute2 nftables
  systemd
  redis-server
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
meson_ok() {
  command -v meson >/dev/null 2>&1 || return 1
  local v; v=$(meson --version)
  [ "$(printf '%s\n1.1.0\n' "$v" | sort -V | head -n1)" = "1.1.0" ]
}
meson_ok || missing+=(meson)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Parley needs these system packages: ${missing[*]}" >&2
  echo "Run as root: sudo bash scripts/setup-system.sh" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
backports=/etc/apt/sources.list.d/parley-backports.sources
if [ ! -f "$backports" ]; then
  # Same archive and keyring as the base system; only meson is taken from backports.
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  cat >"$backports" <<SRC
Types: deb
URIs: ${uri:-http://deb.debian.org/debian}
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
apt-get update -qq
apt_missing=()
for p in "${missing[@]}"; do [ "$p" = meson ] || apt_missing+=("$p"); done
if [ ${#apt_missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
fi
meson_ok || apt-get install -y -qq --no-install-recommends -t bookworm-backports meson
