#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the exact pins. Idempotent: uv skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
# Python 3.10 (Rasa 3.6 needs < 3.11): $PYTHON310, pyenv's 3.10, or python3.10 on PATH. A pyenv shim
# can be on PATH and still fail (another global version), so each candidate must really run 3.10.
py=""
for candidate in "${PYTHON310:-}" $(ls -d "$HOME"/.pyenv/versions/3.10*/bin/python 2>/dev/null | sort -V -r) \
                 "$(command -v python3.10 || true)"; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    py="$candidate"
    break
  fi
done
if [ -z "$py" ]; then
  echo "Python 3.10 is needed (Rasa 3.6 does not run on 3.11+). Install python3.10 or pyenv 3.10." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip==24.0" "uv==0.13.9"
# uv installs the same exact pins as pip would, from PyPI, in about 20 s instead of several minutes
# (parallel downloads, no bytecode compile): most of a clean CI run's install time.
.venv/bin/uv pip install --quiet --python .venv/bin/python -r requirements.lock
scripts/install_web.sh
scripts/install_chromium.sh
