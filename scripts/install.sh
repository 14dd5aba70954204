#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the exact pins. Idempotent: pip skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
py="${PYTHON310:-}"
if [ -z "$py" ]; then
  py=$(command -v python3.10 || ls -d "$HOME"/.pyenv/versions/3.10*/bin/python 2>/dev/null | tail -n 1 || true)
fi
if [ -z "$py" ]; then
  echo "Python 3.10 is needed (Rasa 3.6 does not run on 3.11+). Install python3.10 or pyenv 3.10." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip==24.0"
.venv/bin/python -m pip install --quiet -r requirements.lock
scripts/install_web.sh
scripts/install_chromium.sh
