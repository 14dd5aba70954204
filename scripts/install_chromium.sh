#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it; its own browser download is not
# used). A no-op when /usr/bin/chromium is there; needs root (CI runs as root) or sudo otherwise.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
