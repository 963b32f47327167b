#!/usr/bin/env bash
# Throwaway PostgreSQL 15 server for tests, on loopback, owned by the `postgres` user.
#
# Usage:
#   scripts/pg-test-server.sh start DIR PORT   fresh cluster in DIR, listening on 127.0.0.1:PORT;
#                                              prints DATABASE_URL on stdout
#   scripts/pg-test-server.sh stop  DIR [PORT] stop the server and delete DIR
#   scripts/pg-test-server.sh url   DIR PORT   print DATABASE_URL (does not start anything)
#   scripts/pg-test-server.sh status DIR PORT  exit 0 if the server answers, non-zero if not
#
# The URL is postgres://postgres@127.0.0.1:PORT/pilothub. The role is the superuser
# `postgres` (trust auth, loopback only), so Django's test runner can CREATE DATABASE
# test_pilothub. Durability is switched off (fsync, synchronous_commit, full_page_writes):
# the data is thrown away after the run. Must run as root (it switches to `postgres`).
#
# DIR must be reachable by the `postgres` user (e.g. /tmp/pilothub-pg-PORT, not under /root),
# and short: the Unix socket DIR/.s.PGSQL.PORT must fit in 107 bytes.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DBNAME=pilothub
MARKER=.pilothub-test-server   # DIR is deleted by `stop` only if this file is in it

die() { echo "pg-test-server: ERROR: $*" >&2; exit 1; }
say() { echo "pg-test-server: $*" >&2; }
usage() { sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

as_pg() { runuser -u postgres -- "$@"; }

url() { echo "postgres://postgres@127.0.0.1:$1/$DBNAME"; }

check_port() {
  [[ "$1" =~ ^[0-9]+$ ]] && (($1 >= 1024 && $1 <= 65535)) || die "PORT must be 1024-65535, got '$1'"
}

# Absolute path without requiring DIR to exist yet.
abspath() { realpath -m -- "$1"; }

# Stop the postmaster whose data directory is $1/data, if one runs; never fails.
stop_cluster() {
  local dir=$1 data=$1/data
  [[ -f $data/postmaster.pid ]] || return 0
  say "stopping server in $dir"
  if ! as_pg "$PGBIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  # pg_ctl gives up if the pid file is stale or the data dir is damaged: kill the pid itself.
  local pid
  pid=$(head -n1 "$data/postmaster.pid" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
     && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */postgres ]]; then
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

remove_dir() {
  local dir=$1
  [[ -e $dir ]] || return 0
  [[ -f $dir/$MARKER ]] || die "refusing to delete $dir: it was not made by this script (no $MARKER)"
  rm -rf -- "$dir"
}

# PIDs of processes listening on 127.0.0.1:PORT or *:PORT (TCP).
listeners() {
  command -v ss >/dev/null || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

# A server left over from an earlier run (killed job, different DIR) may still hold PORT.
# If it is one of ours (its data dir's parent has the marker), stop it and remove its dir.
free_port() {
  local port=$1 pid exe data
  for pid in $(listeners "$port"); do
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
    if [[ $exe == */postgres ]]; then
      data=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)   # the postmaster runs in its data dir
      if [[ -n $data && -f $(dirname "$data")/$MARKER ]]; then
        say "port $port held by a stale test server in $(dirname "$data")"
        stop_cluster "$(dirname "$data")"
        remove_dir "$(dirname "$data")"
        continue
      fi
      die "port $port is held by a PostgreSQL not started by this script (pid $pid, data ${data:-?})"
    fi
    die "port $port is held by another program (pid $pid: ${exe:-unknown}); choose another PORT"
  done
  # ss may not show the pid (other namespace, no ss): at least refuse a port that answers.
  if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; then
    die "a PostgreSQL server already answers on 127.0.0.1:$port and could not be stopped"
  fi
}

start() {
  local dir=$1 port=$2 data=$1/data
  [[ $(id -u) == 0 ]] || die "run as root (the server itself runs as the postgres user)"
  [[ -x $PGBIN/initdb ]] || die "$PGBIN/initdb not found: run scripts/install-system-deps.sh"
  id postgres >/dev/null 2>&1 || die "no 'postgres' user: run scripts/install-system-deps.sh"
  local sock="$dir/.s.PGSQL.$port"
  ((${#sock} <= 107)) || die "DIR too long for a Unix socket path ($sock); use a shorter DIR"

  # Stale server in this DIR, then anything of ours still on the port.
  if [[ -e $dir ]]; then
    if [[ -f $dir/$MARKER ]]; then
      stop_cluster "$dir"
      remove_dir "$dir"
    elif [[ -n $(ls -A "$dir") ]]; then
      die "$dir exists, is not empty and was not made by this script"
    fi
  fi
  free_port "$port"

  mkdir -p "$dir"
  touch "$dir/$MARKER"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  as_pg test -w "$dir" ||
    die "user postgres cannot write $dir (a parent directory is closed to it?); use e.g. /tmp/pilothub-pg-$port"

  say "initdb in $data"
  if ! as_pg "$PGBIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  # Trust only the Unix socket in DIR (mode 700) and loopback TCP; nothing else may connect.
  cat >"$data/pg_hba.conf" <<'EOF'
local all all               trust
host  all all 127.0.0.1/32  trust
host  all all ::1/128       trust
EOF
  cat >>"$data/postgresql.conf" <<EOF

# --- pilothub test server (scripts/pg-test-server.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 50
# Throwaway data: trade durability for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 1GB
checkpoint_timeout = 30min
timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = off
log_min_messages = warning
EOF
  chown postgres:postgres "$data/pg_hba.conf" "$data/postgresql.conf"

  if ! as_pg "$PGBIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
    tail -n 30 "$dir/server.log" >&2 || true
    die "server did not start on 127.0.0.1:$port (log: $dir/server.log)"
  fi
  local ok=0
  for _ in $(seq 100); do
    if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U postgres; then ok=1; break; fi
    sleep 0.2
  done
  ((ok)) || { tail -n 30 "$dir/server.log" >&2; die "server not ready after 20 s"; }

  "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres -E UTF8 "$DBNAME" ||
    die "createdb $DBNAME failed"
  say "ready on 127.0.0.1:$port (data $data)"
  url "$port"
}

stop() {
  local dir=$1 port=${2:-}
  [[ $(id -u) == 0 ]] || die "run as root"
  if [[ -e $dir ]]; then
    [[ -f $dir/$MARKER ]] || die "refusing to touch $dir: it was not made by this script (no $MARKER)"
    stop_cluster "$dir"
    remove_dir "$dir"
  fi
  [[ -z $port ]] || free_port "$port"
  return 0
}

(($# >= 2)) || usage
cmd=$1 dir=$(abspath "$2") port=${3:-}
case $cmd in
  start)  [[ -n $port ]] || usage; check_port "$port"; start "$dir" "$port" ;;
  stop)   [[ -z $port ]] || check_port "$port"; stop "$dir" "$port" ;;
  url)    [[ -n $port ]] || usage; check_port "$port"; url "$port" ;;
  status) [[ -n $port ]] || usage; check_port "$port"
          exec "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -d "$DBNAME" -U postgres ;;
  *) usage ;;
esac
