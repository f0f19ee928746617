#!/usr/bin/env bash
# Creates .venv (Python 3.11) and installs the portal with the pinned versions.
# Usage: scripts/setup.sh [extra]   e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null 2>&1 || python=python3
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "The portal needs Python 3.11 (found: $("$python" --version 2>&1)). Set PYTHON=..." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=${1:-}
spec="."
[ -n "$extra" ] && spec=".[$extra]"
# A developer's checkout runs in development mode, so that manage.py works as it is; production
# sets its environment instead (see .env.example) and refuses to start without a SECRET_KEY.
if [ ! -f .env ]; then
  printf '%s\n' "# Local development settings (not committed). See .env.example for every variable." \
    "DEBUG=true" > .env
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e "$spec"
