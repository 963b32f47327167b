#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: start it, export DATABASE_URL, run, stop.
# Usage: scripts/test-postgres.sh DIR PORT COMMAND [ARG ...]
set -euo pipefail
dir=$1 port=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
url=$(bash "$here/pg-test-server.sh" start "$dir" "$port")
trap 'bash "$here/pg-test-server.sh" stop "$dir" "$port" >/dev/null 2>&1 || true' EXIT
echo "PostgreSQL test server: $url"
DATABASE_URL=$url "$@"
