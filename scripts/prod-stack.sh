#!/usr/bin/env bash
# The whole production stack on this machine, on loopback: PostgreSQL, Redis, gunicorn with the
# production settings, a Celery worker and beat, and nginx in front serving static files.
#
# Usage:
#   scripts/prod-stack.sh start DIR BASEPORT   PostgreSQL on BASEPORT, Redis BASEPORT+1,
#                                              gunicorn BASEPORT+2, nginx BASEPORT+3; prints
#                                              the site URL on stdout, writes DIR/stack.env
#   scripts/prod-stack.sh stop DIR BASEPORT    stop everything and delete DIR
#
# Runs as root (PostgreSQL is started as the postgres user by pg-test-server.sh). Uses the
# Python of $PY (default .venv/bin/python) with gunicorn and celery installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
PY=${PY:-$root/.venv/bin/python}
BIN=$(dirname "$PY")
say() { echo "prod-stack: $*" >&2; }
die() { echo "prod-stack: ERROR: $*" >&2; exit 1; }

[ $# -eq 3 ] || { sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
cmd=$1 dir=$(realpath -m "$2") base=$3
pg_port=$base redis_port=$((base + 1)) app_port=$((base + 2)) web_port=$((base + 3))

stop_pidfile() {
  local file=$1
  if [ -f "$file" ]; then
    local pid; pid=$(cat "$file" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}

stop() {
  [ -f "$dir/nginx.pid" ] && nginx -p "$dir" -c "$dir/nginx.conf" -s stop 2>/dev/null || true
  stop_pidfile "$dir/nginx.pid"
  stop_pidfile "$dir/gunicorn.pid"
  stop_pidfile "$dir/celery-worker.pid"
  stop_pidfile "$dir/celery-beat.pid"
  bash "$here/redis-test-server.sh" stop "$dir/redis" "$redis_port" >/dev/null 2>&1 || true
  bash "$here/pg-test-server.sh" stop "$dir/pg" "$pg_port" >/dev/null 2>&1 || true
  rm -rf "$dir"
}

start() {
  command -v nginx >/dev/null || die "nginx is not installed (scripts/install-system-deps.sh installs it)"
  [ -x "$BIN/gunicorn" ] && [ -x "$BIN/celery" ] || die "gunicorn and celery must be installed in $BIN"
  stop
  mkdir -p "$dir"
  chmod 755 "$dir"
  local database_url redis_url
  database_url=$(bash "$here/pg-test-server.sh" start "$dir/pg" "$pg_port")
  redis_url=$(bash "$here/redis-test-server.sh" start "$dir/redis" "$redis_port")
  cat > "$dir/stack.env" <<ENV
DJANGO_SETTINGS_MODULE=pilothub.settings.production
PILOTHUB_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(60))')
PILOTHUB_ALLOWED_HOSTS=127.0.0.1,localhost
PILOTHUB_CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$web_port
DATABASE_URL=$database_url
CELERY_BROKER_URL=$redis_url
CELERY_TASK_ALWAYS_EAGER=0
PILOTHUB_VAR_DIR=$dir/var
PILOTHUB_STATIC_ROOT=$dir/static
PILOTHUB_MEDIA_ROOT=$dir/media
PILOTHUB_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
PILOTHUB_SSL_REDIRECT=0
PILOTHUB_SECURE_COOKIES=0
PILOTHUB_HSTS_SECONDS=0
PILOTHUB_LOG_FORMAT=json
PILOTHUB_API_THROTTLE_ENABLED=${PILOTHUB_API_THROTTLE_ENABLED:-1}
ENV
  set -a; . "$dir/stack.env"; set +a
  mkdir -p "$dir/var" "$dir/media"
  "$PY" -m pilothub migrate --noinput -v0
  "$PY" -m pilothub collectstatic --noinput -v0
  chmod -R a+rX "$dir/static"
  "$BIN/gunicorn" --config "$root/deploy/gunicorn.conf.py" --bind "127.0.0.1:$app_port" --workers 2 \
    --daemon --pid "$dir/gunicorn.pid" --access-logfile "$dir/gunicorn-access.log" --error-logfile "$dir/gunicorn.log"
  "$BIN/celery" --app pilothub.celery worker --detach --concurrency 1 --pidfile "$dir/celery-worker.pid" \
    --logfile "$dir/celery-worker.log" --loglevel INFO
  "$BIN/celery" --app pilothub.celery beat --detach --pidfile "$dir/celery-beat.pid" \
    --logfile "$dir/celery-beat.log" --schedule "$dir/celerybeat-schedule"
  mkdir -p "$dir/nginx-temp"
  cat > "$dir/nginx.conf" <<NGINX
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  access_log $dir/nginx-access.log;
  client_body_temp_path $dir/nginx-temp/body;
  proxy_temp_path $dir/nginx-temp/proxy;
  fastcgi_temp_path $dir/nginx-temp/fastcgi;
  uwsgi_temp_path $dir/nginx-temp/uwsgi;
  scgi_temp_path $dir/nginx-temp/scgi;
  client_max_body_size 25m;
  server_tokens off;
  server {
    listen 127.0.0.1:$web_port;
    location /static/ { alias $dir/static/; expires 30d; }
    location / {
      proxy_pass http://127.0.0.1:$app_port;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
NGINX
  nginx -p "$dir" -c "$dir/nginx.conf" -g "user root;"
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$web_port/health/live/" >/dev/null 2>&1 && { echo "http://127.0.0.1:$web_port"; return 0; }
    sleep 0.2
  done
  die "the site did not answer on http://127.0.0.1:$web_port (logs in $dir)"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  *) die "unknown command $cmd (start|stop)" ;;
esac
