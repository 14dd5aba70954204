#!/usr/bin/env bash
# Debian's PostgreSQL, Redis and nginx for `make cluster` (bot/serve/cluster.py starts them itself,
# in the foreground, under var/cluster/). A no-op when all three are there; needs root (CI runs as
# root) or sudo otherwise. The packages' own system services are not started (policy-rc.d answers
# 101 while installing when the machine has no policy of its own), so nothing else listens on 80/6379.
set -euo pipefail
have() { command -v "$1" >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/$1" >/dev/null; }
PATH="$PATH:/usr/sbin:/sbin"
have initdb && have redis-server && have nginx && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq postgresql redis-server nginx >/dev/null
