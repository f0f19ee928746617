#!/usr/bin/env bash
# The first command: set up and run the portal on SQLite with the plan loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DEBUG=${DEBUG:-true}
port=${PORT:-8000}
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py load_plan
if .venv/bin/python manage.py help create_demo_users >/dev/null 2>&1; then
  .venv/bin/python manage.py create_demo_users
fi
echo
echo "The portal runs at http://127.0.0.1:${port}/ (admin: http://127.0.0.1:${port}/admin/). Ctrl+C stops it."
exec .venv/bin/python manage.py runserver "127.0.0.1:${port}"
