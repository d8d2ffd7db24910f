#!/usr/bin/env bash
# First step of `npm test`: makes sure the tools the tests need exist.
#   - Go 1.23 with its source tree (golang-1.23-go, golang-1.23-src from bookworm-backports):
#     /usr/lib/go-1.23/bin/go and /usr/share/go-1.23/src — the reference the tests compare with.
#   - Debian's Chromium (/usr/bin/chromium), driven by playwright-core in the browser tests.
# Installs what is missing when running as root on Debian (and says so); otherwise stops
# with the exact commands to run. Never skips silently.
set -euo pipefail

need_go=0; need_chromium=0
{ [ -x /usr/lib/go-1.23/bin/go ] && [ -d /usr/share/go-1.23/src/cmd/go/testdata ]; } || need_go=1
[ -x /usr/bin/chromium ] || need_chromium=1
if [ $need_go = 0 ] && [ $need_chromium = 0 ]; then
  echo "tools: $(/usr/lib/go-1.23/bin/go version); $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi

cmds=()
if [ $need_go = 1 ]; then
  cmds+=("add bookworm-backports (Types: deb / URIs: <your Debian mirror> / Suites: bookworm-backports / Components: main) to /etc/apt/sources.list.d/backports.sources")
  cmds+=("apt-get update && apt-get install -y -t bookworm-backports golang-1.23-go golang-1.23-src")
fi
[ $need_chromium = 1 ] && cmds+=("apt-get update && apt-get install -y chromium")

if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null; then
  echo "modscope tests need tools that are missing:" >&2
  [ $need_go = 1 ] && echo "  - Go 1.23 with its source (/usr/lib/go-1.23/bin/go, /usr/share/go-1.23/src)" >&2
  [ $need_chromium = 1 ] && echo "  - Debian's Chromium (/usr/bin/chromium)" >&2
  echo "Run as root on Debian bookworm (or run this script as root: sudo bash scripts/ensure-tools.sh):" >&2
  for c in "${cmds[@]}"; do echo "  $c" >&2; done
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ $need_go = 1 ]; then
  echo "tools: installing Go 1.23 (golang-1.23-go, golang-1.23-src) from bookworm-backports ..."
  if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # the first Debian (not -security) mirror this machine already uses
    uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
    [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -1 || true)
    [ -n "$uri" ] || { echo "no Debian mirror configured; cannot add bookworm-backports" >&2; exit 1; }
    printf '%s\n' 'Types: deb' "URIs: $uri" 'Suites: bookworm-backports' 'Components: main' \
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' > /etc/apt/sources.list.d/backports.sources
  fi
fi
apt-get update -qq
if [ $need_go = 1 ]; then
  apt-get install -y -qq -t bookworm-backports golang-1.23-go golang-1.23-src >/dev/null
  echo "tools: installed $(/usr/lib/go-1.23/bin/go version)"
fi
if [ $need_chromium = 1 ]; then
  echo "tools: installing Debian's chromium ..."
  apt-get install -y -qq chromium >/dev/null
  echo "tools: installed $(/usr/bin/chromium --version 2>/dev/null)"
fi
