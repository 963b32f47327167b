#!/usr/bin/env bash
# `make bench`: every app's benchmark, on SQLite and on a throwaway PostgreSQL server.
# Each app's bench module generates its own data. Figures go to docs/performance.md by hand,
# with the command that produced them.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PG_DIR=${PG_DIR:-/tmp/pilothub-pg-bench}
PG_PORT=${PG_PORT:-55433}
modules=()
for app in src/pilothub/*/bench.py; do
  [ -e "$app" ] || continue
  app=${app#src/pilothub/}; modules+=("pilothub.${app%/bench.py}.bench")
done
if [ ${#modules[@]} -eq 0 ]; then echo "no benchmarks"; exit 0; fi
for module in "${modules[@]}"; do
  echo "== $module (SQLite)"
  DJANGO_SETTINGS_MODULE=pilothub.settings.test "$PY" -m "$module" "$@"
done
url=$(bash scripts/pg-test-server.sh start "$PG_DIR" "$PG_PORT")
trap 'bash scripts/pg-test-server.sh stop "$PG_DIR" "$PG_PORT" >/dev/null 2>&1 || true' EXIT
for module in "${modules[@]}"; do
  echo "== $module (PostgreSQL)"
  DATABASE_URL=$url DJANGO_SETTINGS_MODULE=pilothub.settings.test "$PY" -m "$module" "$@"
done
