#!/usr/bin/env bash
# Back up the PostgreSQL database in DATABASE_URL to FILE (pg_dump custom format) and the
# uploaded files in PILOTHUB_MEDIA_ROOT (if set) to FILE.media.tar.gz.
# Usage: DATABASE_URL=postgres://... scripts/backup.sh FILE
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: DATABASE_URL=... $0 FILE" >&2; exit 2; }
: "${DATABASE_URL:?DATABASE_URL must be set}"
pg_dump --format=custom --no-owner --file "$1" "$DATABASE_URL"
if [ -n "${PILOTHUB_MEDIA_ROOT:-}" ] && [ -d "$PILOTHUB_MEDIA_ROOT" ]; then
  tar -czf "$1.media.tar.gz" -C "$PILOTHUB_MEDIA_ROOT" .
fi
echo "backup written: $1"
