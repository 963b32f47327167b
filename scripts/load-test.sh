#!/usr/bin/env bash
# Load test of the production stack on loopback (issue 10): gunicorn + PostgreSQL + Redis + nginx,
# filled with synthetic data at scale, driven by wrk. Part of `make bench`'s family, never of
# `make test`.
#
# Usage: scripts/load-test.sh [PLATFORMS EQUIPMENT ORDERS]   (default 100000 1000000 1000000)
# Environment: DURATION (default 20s), CONNECTIONS (default 16), BASEPORT (default 56280),
#              PY (default .venv/bin/python), OUT (default bench-data/load-test.md)
#
# For every endpoint of the plan (python -m pilothub.core.loadplan) it prints requests/s, p50/p95/p99
# latency, errors, the CPU used by the whole machine during the run and the resident memory of
# gunicorn and PostgreSQL at the end, as a Markdown table (OUT) ready for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PY=${PY:-$root/.venv/bin/python}
export PY
PLATFORMS=${1:-100000} EQUIPMENT=${2:-1000000} ORDERS=${3:-1000000}
DURATION=${DURATION:-20s} CONNECTIONS=${CONNECTIONS:-16} BASEPORT=${BASEPORT:-56280}
OUT=${OUT:-$root/bench-data/load-test.md}
DIR=/tmp/pilothub-load-$BASEPORT

command -v wrk >/dev/null || { apt-get -q -y install --no-install-recommends wrk >/dev/null; }
bash scripts/install-system-deps.sh >/dev/null

url=$(bash scripts/prod-stack.sh start "$DIR" "$BASEPORT")
trap 'bash scripts/prod-stack.sh stop "$DIR" "$BASEPORT" >/dev/null 2>&1 || true' EXIT
set -a; . "$DIR/stack.env"; set +a
echo "load-test: stack at $url; generating $PLATFORMS platforms, $EQUIPMENT equipment, $ORDERS orders" >&2
start=$(date +%s)
"$PY" -m pilothub generate-scale-data --platforms "$PLATFORMS" --equipment "$EQUIPMENT" --orders "$ORDERS" \
  | tail -1 >&2
for command in rebuild-search-index rebuild-match-index refresh-dashboard; do
  if "$PY" -m pilothub help "$command" >/dev/null 2>&1; then "$PY" -m pilothub "$command" >&2; fi
done
echo "load-test: data ready in $(( $(date +%s) - start )) s" >&2

cpu_busy() {  # jiffies busy and total since boot, from /proc/stat
  awk '/^cpu /{busy=$2+$3+$4+$7+$8; total=busy+$5+$6; print busy, total}' /proc/stat
}
rss_mb() {  # resident memory of the processes whose command line matches $1, in MB
  ps -eo rss,args | awk -v pat="$1" '$0 ~ pat && $0 !~ /awk/ {s+=$1} END {printf "%.0f", s/1024}'
}

mkdir -p "$(dirname "$OUT")"
{
  echo "Load test, $(date -u +%Y-%m-%d), $(nproc) cores: $PLATFORMS platforms, $EQUIPMENT equipment, $ORDERS orders;"
  echo "wrk -c$CONNECTIONS -d$DURATION against nginx → gunicorn (2 workers × 4 threads) → PostgreSQL on the same machine."
  echo
  echo "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | CPU % (machine) | gunicorn RSS MB | PostgreSQL RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$OUT"
"$PY" -m pilothub.core.loadplan > "$DIR/plan.tsv"
while IFS=$'\x1f' read -r name method path cookie body; do
  # Warm up (caches, index pages) and check the endpoint answers 2xx before measuring it.
  args=(-s -o /dev/null -w '%{http_code}' -X "$method")
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data "$body")
  code=$(curl "${args[@]}" "$url$path")
  if [[ $code != 2* ]]; then
    echo "| $name | HTTP $code — not measured | | | | | | | |" >> "$OUT"; continue
  fi
  read -r b0 t0 < <(cpu_busy)
  result=$(WRK_METHOD=$method WRK_BODY=$body WRK_COOKIE=$cookie \
           wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s scripts/wrk-report.lua "$url$path" | grep WRK-JSON)
  read -r b1 t1 < <(cpu_busy)
  cpu=$(( 100 * (b1 - b0) / (t1 - t0 > 0 ? t1 - t0 : 1) ))
  json=${result#WRK-JSON }
  row=$("$PY" -c 'import json, sys; r = json.loads(sys.argv[1]); print(" | ".join(str(round(r[k])) for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "errors")))' "$json")
  echo "| $name | $row | $cpu | $(rss_mb gunicorn) | $(rss_mb 'postgres') |" >> "$OUT"
  echo "load-test: $name: $row" >&2
done < "$DIR/plan.tsv"
cat "$OUT"
