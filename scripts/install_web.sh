#!/usr/bin/env bash
# Web widget assets: socket.io-client from the npm registry (exact version in web/package-lock.json),
# its minified browser build copied to web/vendor/ (git-ignored). Nothing is loaded from a CDN.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to fetch socket.io-client for the web widget (apt-get install -y npm)." >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
mkdir -p vendor
cp node_modules/socket.io-client/dist/socket.io.min.js vendor/socket.io.min.js
cp node_modules/socket.io-client/LICENSE vendor/socket.io-client.LICENSE
