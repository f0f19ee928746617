#!/usr/bin/env bash
# The second command: set up and run the whole test suite.
# Uses DATABASE_URL when set (CI sets PostgreSQL), SQLite otherwise. Tests that need
# PostgreSQL, Redis or Chromium skip with a reason when those are missing, and fail when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"
