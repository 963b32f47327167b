#!/usr/bin/env bash
# Load test of the production stack on loopback (issue 10): gunicorn + PostgreSQL + Redis + nginx,
# filled with synthetic data at scale, driven by wrk. Part of `make bench`'s family, never of
# `make test`.
#
# Usage: scripts/load-test.sh [PLATFORMS EQUIPMENT ORDERS]   (default 100000 1000000 1000000)
# Environment: DURATION (default 20s), CONNECTIONS (default 16), BASEPORT (default 56280),
#              PY (default .venv/bin/python), OUT (default bench-data/load-test.md),
#              ONLY (an extended regex: measure only the endpoints whose name matches, e.g. 'match'),
#              REUSE=1 (use the stack already running in /tmp/pilothub-load-$BASEPORT with its data:
#              no start, no data generation, no stop)
#
# For every endpoint of the plan (python -m pilothub.core.loadplan) it prints requests/s, p50/p95/p99
# latency, errors, the CPU used by the whole machine and by gunicorn (in % of one core) during the
# run (and gunicorn's CPU time per request: the figure that does not depend on what else the
# machine runs), the memory of each gunicorn worker at the end (RSS, and PSS: shared pages such as the mapped
# matching index counted once across processes) and PostgreSQL's RSS, as a Markdown table (OUT)
# ready for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PY=${PY:-$root/.venv/bin/python}
export PY
PLATFORMS=${1:-100000} EQUIPMENT=${2:-1000000} ORDERS=${3:-1000000}
DURATION=${DURATION:-20s} CONNECTIONS=${CONNECTIONS:-16} BASEPORT=${BASEPORT:-56280}
OUT=${OUT:-$root/bench-data/load-test.md}
DIR=${DIR:-/tmp/pilothub-load-$BASEPORT}
ONLY=${ONLY:-.} REUSE=${REUSE:-0}

# The API rate limit (600 reads/min per client) would answer most of one load generator's requests
# with 429: measure the application, not the limiter (its own tests are in core/tests).
export PILOTHUB_API_THROTTLE_ENABLED=0
# Workers are not recycled during the run, so the CPU time read from /proc stays per worker.
export PILOTHUB_WEB_MAX_REQUESTS=0

command -v wrk >/dev/null || { apt-get -q -y install --no-install-recommends wrk >/dev/null; }
bash scripts/install-system-deps.sh >/dev/null

if [ "$REUSE" = 1 ]; then
  url=http://127.0.0.1:$((BASEPORT + 3))
  set -a; . "$DIR/stack.env"; set +a
  echo "load-test: reusing the stack at $url and its data" >&2
else
  url=$(bash scripts/prod-stack.sh start "$DIR" "$BASEPORT")
  trap 'bash scripts/prod-stack.sh stop "$DIR" "$BASEPORT" >/dev/null 2>&1 || true' EXIT
  set -a; . "$DIR/stack.env"; set +a
  echo "load-test: stack at $url; generating $PLATFORMS platforms, $EQUIPMENT equipment, $ORDERS orders" >&2
  start=$(date +%s)
  "$PY" -m pilothub generate-scale-data --platforms "$PLATFORMS" --equipment "$EQUIPMENT" --orders "$ORDERS" \
    | tail -1 >&2
  # bulk inserts send no signals: build the directory's search index, and the match snapshot
  # without passage vectors (embedding 100k passages takes hours on 2 cores; matching then runs
  # BM25 + structure only and says so, decision 0504). Dashboards compute on the first visit.
  "$PY" -m pilothub rebuild_search_index >&2
  "$PY" -m pilothub rebuild_match_index --no-embed | tail -1 >&2
  echo "load-test: data ready in $(( $(date +%s) - start )) s" >&2
fi

cpu_busy() {  # jiffies busy and total since boot, from /proc/stat
  awk '/^cpu /{busy=$2+$3+$4+$7+$8; total=busy+$5+$6; print busy, total}' /proc/stat
}
gunicorn_pids() { pgrep -f "gunicorn .*--bind 127.0.0.1:$((BASEPORT + 2))" || true; }
gunicorn_ticks() {  # CPU time (user + system, clock ticks) of the gunicorn processes
  local total=0 pid
  for pid in $(gunicorn_pids); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
worker_memory() {  # "RSS/PSS" in MB of each gunicorn worker (not the master), space separated
  local master pid out=""
  master=$(cat "$DIR/gunicorn.pid" 2>/dev/null || echo 0)
  for pid in $(gunicorn_pids); do
    [ "$pid" = "$master" ] && continue
    out+=$(awk '/^Rss:/{r=$2} /^Pss:/{p=$2} END {printf "%.0f/%.0f ", r/1024, p/1024}' "/proc/$pid/smaps_rollup" 2>/dev/null)
  done
  echo "${out% }"
}
rss_mb() {  # resident memory of the processes whose command line matches $1, in MB
  ps -eo rss,args | awk -v pat="$1" '$0 ~ pat && $0 !~ /awk/ {s+=$1} END {printf "%.0f", s/1024}'
}

mkdir -p "$(dirname "$OUT")"
{
  echo "Load test, $(date -u +%Y-%m-%d), $(nproc) cores: $PLATFORMS platforms, $EQUIPMENT equipment, $ORDERS orders;"
  echo "wrk -c$CONNECTIONS -d$DURATION against nginx → gunicorn (2 workers × 4 threads) → PostgreSQL on the same machine."
  echo
  echo "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | CPU % (machine) | gunicorn CPU % of a core | gunicorn CPU ms per request | gunicorn RSS MB | RSS/PSS MB per worker | PostgreSQL RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
} > "$OUT"
"$PY" -m pilothub.core.loadplan > "$DIR/plan.tsv"
while IFS=$'\x1f' read -r name method path cookie body; do
  [[ $name =~ $ONLY ]] || continue
  # Warm up (caches, index pages) and check the endpoint answers 2xx before measuring it.
  args=(-s -o /dev/null -w '%{http_code}' -X "$method")
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data "$body")
  # Several times, so that every worker has answered once (a new worker maps the match index).
  for _ in 1 2 3 4 5 6; do code=$(curl "${args[@]}" "$url$path"); done
  if [[ $code != 2* ]]; then
    echo "| $name | HTTP $code — not measured | | | | | | | | | | |" >> "$OUT"; continue
  fi
  read -r b0 t0 < <(cpu_busy)
  g0=$(gunicorn_ticks) w0=$(date +%s%N)
  result=$(WRK_METHOD=$method WRK_BODY=$body WRK_COOKIE=$cookie \
           wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s scripts/wrk-report.lua "$url$path" | grep WRK-JSON)
  read -r b1 t1 < <(cpu_busy)
  g1=$(gunicorn_ticks) w1=$(date +%s%N)
  gcpu=$(( (g1 - g0) * 100 * 1000000000 / $(getconf CLK_TCK) / (w1 - w0 > 0 ? w1 - w0 : 1) ))
  cpu=$(( 100 * (b1 - b0) / (t1 - t0 > 0 ? t1 - t0 : 1) ))
  json=${result#WRK-JSON }
  row=$("$PY" -c 'import json, sys; r = json.loads(sys.argv[1]); print(" | ".join(str(round(r[k])) for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "errors")))' "$json")
  requests=$("$PY" -c 'import json, sys; print(json.loads(sys.argv[1])["requests"])' "$json")
  gms=$(( (g1 - g0) * 1000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))
  echo "| $name | $row | $cpu | $gcpu | $gms | $(rss_mb gunicorn) | $(worker_memory) | $(rss_mb 'postgres') |" >> "$OUT"
  echo "load-test: $name: $row" >&2
done < "$DIR/plan.tsv"
cat "$OUT"
