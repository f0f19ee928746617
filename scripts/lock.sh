#!/usr/bin/env bash
# Regenerates constraints.txt from pyproject.toml (every extra), with pip-tools' pip-compile.
# Run it after changing a pin in pyproject.toml; commit both files together.
# Usage: scripts/lock.sh [pip-compile options]   e.g. scripts/lock.sh --upgrade-package celery
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh lock
exec .venv/bin/pip-compile --quiet --all-extras --strip-extras --no-emit-index-url \
  --no-emit-find-links --no-emit-trusted-host --output-file constraints.txt "$@" pyproject.toml
