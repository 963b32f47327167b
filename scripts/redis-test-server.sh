#!/usr/bin/env bash
# Throwaway Redis server for tests: loopback only, daemonized, no persistence.
#
# Usage:
#   scripts/redis-test-server.sh start DIR PORT   fresh server on 127.0.0.1:PORT, pidfile and
#                                                 log in DIR; prints REDIS_URL on stdout
#   scripts/redis-test-server.sh stop  DIR [PORT] stop the server and delete DIR
#   scripts/redis-test-server.sh url   DIR PORT   print REDIS_URL (does not start anything)
#   scripts/redis-test-server.sh status DIR PORT  exit 0 if the server answers PING
#
# The URL is redis://127.0.0.1:PORT/0. A stale server of ours in DIR, or on PORT from an
# earlier run with another DIR, is shut down first.
set -euo pipefail

MARKER=.pilothub-test-server   # DIR is deleted by `stop` only if this file is in it

die() { echo "redis-test-server: ERROR: $*" >&2; exit 1; }
say() { echo "redis-test-server: $*" >&2; }
usage() { sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

url() { echo "redis://127.0.0.1:$1/0"; }

check_port() {
  [[ "$1" =~ ^[0-9]+$ ]] && (($1 >= 1024 && $1 <= 65535)) || die "PORT must be 1024-65535, got '$1'"
}

is_redis_pid() {
  [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null &&
    [[ $(readlink "/proc/$1/exe" 2>/dev/null) == */redis-server* || $(readlink "/proc/$1/exe" 2>/dev/null) == */redis-check-rdb ]]
}

# Stop the redis-server with pid $1: SIGTERM (no save: persistence is off), then SIGKILL.
stop_pid() {
  local pid=$1
  is_redis_pid "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

stop_dir() {
  local dir=$1
  [[ -e $dir ]] || return 0
  [[ -f $dir/$MARKER ]] || die "refusing to touch $dir: it was not made by this script (no $MARKER)"
  if [[ -f $dir/redis.pid ]]; then
    say "stopping server in $dir"
    stop_pid "$(head -n1 "$dir/redis.pid")"
  fi
  rm -rf -- "$dir"
}

listeners() {
  command -v ss >/dev/null || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

free_port() {
  local port=$1 pid exe wd
  for pid in $(listeners "$port"); do
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
    wd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)   # redis-server chdirs to its --dir
    if is_redis_pid "$pid" && [[ -n $wd && -f $wd/$MARKER ]]; then
      say "port $port held by a stale test server in $wd"
      stop_pid "$pid"
      rm -rf -- "$wd"
      continue
    fi
    die "port $port is held by another program (pid $pid: ${exe:-unknown}); choose another PORT"
  done
  if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
    die "a Redis server already answers on 127.0.0.1:$port and could not be stopped"
  fi
}

start() {
  local dir=$1 port=$2
  command -v redis-server >/dev/null || die "redis-server not found: run scripts/install-system-deps.sh"
  if [[ -e $dir ]]; then
    if [[ -f $dir/$MARKER ]]; then
      stop_dir "$dir"
    elif [[ -n $(ls -A "$dir") ]]; then
      die "$dir exists, is not empty and was not made by this script"
    fi
  fi
  free_port "$port"
  mkdir -p "$dir"
  touch "$dir/$MARKER"

  # Config on the command line so nothing from /etc/redis applies. No RDB/AOF: test data
  # is disposable, and a background save would only cost time and disk.
  if ! redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes \
        --daemonize yes --pidfile "$dir/redis.pid" --dir "$dir" \
        --logfile "$dir/redis.log" --loglevel warning \
        --save '' --appendonly no --databases 16 >"$dir/start.log" 2>&1; then
    cat "$dir/start.log" "$dir/redis.log" >&2 2>/dev/null || true
    die "redis-server failed to start"
  fi
  for _ in $(seq 100); do
    if [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; then
      say "ready on 127.0.0.1:$port (dir $dir)"
      url "$port"
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$dir/redis.log" >&2 || true
  die "redis-server not answering on 127.0.0.1:$port after 10 s"
}

(($# >= 2)) || usage
cmd=$1 dir=$(realpath -m -- "$2") port=${3:-}
case $cmd in
  start)  [[ -n $port ]] || usage; check_port "$port"; start "$dir" "$port" ;;
  stop)   [[ -z $port ]] || check_port "$port"; stop_dir "$dir"; [[ -z $port ]] || free_port "$port" ;;
  url)    [[ -n $port ]] || usage; check_port "$port"; url "$port" ;;
  status) [[ -n $port ]] || usage; check_port "$port"
          [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]] ;;
  *) usage ;;
esac
