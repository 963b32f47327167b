#!/usr/bin/env bash
# Restore drill: restore a backup into a NEW database next to the live one and compare the row
# count of every table with the live database. Exits non-zero on any difference.
# Usage: DATABASE_URL=postgres://.../pilothub scripts/restore-drill.sh FILE [DRILL_DB_NAME]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: DATABASE_URL=... $0 FILE [DRILL_DB_NAME]" >&2; exit 2; }
: "${DATABASE_URL:?DATABASE_URL must be set}"
dump=$1 drill=${2:-pilothub_restore_drill}
base=${DATABASE_URL%/*}
drill_url="$base/$drill"
psql -q -v ON_ERROR_STOP=1 "$base/postgres" -c "DROP DATABASE IF EXISTS $drill" -c "CREATE DATABASE $drill"
pg_restore --no-owner --exit-on-error --dbname "$drill_url" "$dump"
count_rows() {
  psql -At "$1" -c "SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' ORDER BY 1" |
  while read -r table; do
    echo "$table $(psql -At "$1" -c "SELECT count(*) FROM \"$table\"")"
  done
}
live=$(count_rows "$DATABASE_URL")
restored=$(count_rows "$drill_url")
psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS $drill"
if [ "$live" != "$restored" ]; then
  echo "restore drill FAILED: row counts differ" >&2
  diff <(echo "$live") <(echo "$restored") >&2 || true
  exit 1
fi
echo "restore drill OK: $(echo "$live" | wc -l) tables, $(echo "$live" | awk '{s+=$2} END {print s}') rows match"
