#!/usr/bin/env bash
# Install the Debian 12 packages PilotHub's tests and services need, and only those missing.
#
# Usage: scripts/install-system-deps.sh [--check] [EXTRA_DEBIAN_PACKAGE ...]
#   --check   list what is missing and exit 1 if anything is, without installing
#
# Runs as root (CI and developer machines are root). Safe to run on every `make test`:
# when everything is present it only calls dpkg-query and exits in well under a second.
# `apt-get update` runs at most once, and only when something has to be installed.
set -euo pipefail

# Why each package is here:
#   postgresql            PostgreSQL 15 server + client (initdb, pg_ctl, pg_isready, psql)
#   redis-server          Celery broker for non-eager runs
#   chromium              headless browser driven by Playwright (never `playwright install`)
#   fonts-noto-cjk        Chinese glyphs for Chromium screenshots and WeasyPrint PDFs
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1
#                         what the WeasyPrint wheels dlopen (HarfBuzz subset is used for
#                         font subsetting, which keeps PDFs with CJK fonts small)
#   shared-mime-info      MIME detection used by GDK/Pango-based libraries
#   poppler-utils         pdftoppm/pdftotext, so tests can look inside generated PDFs
#   iproute2              `ss`, used by the test-server scripts to find who holds a port
#   nginx-light           reverse proxy of the production stack (scripts/prod-stack.sh)
#   gettext               xgettext/msgfmt: `make messages` and the catalogue-completeness test
PACKAGES=(
  postgresql
  redis-server
  chromium
  fonts-noto-cjk
  libpango-1.0-0
  libpangoft2-1.0-0
  libharfbuzz0b
  libharfbuzz-subset0
  libfontconfig1
  shared-mime-info
  poppler-utils
  iproute2
  nginx-light
  gettext
)

die() { echo "install-system-deps: ERROR: $*" >&2; exit 1; }

check_only=0
if [[ "${1:-}" == "--check" ]]; then check_only=1; shift; fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
PACKAGES+=("$@")

# dpkg -s also succeeds for removed packages whose config files remain, so read the status.
is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-system-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
if ((check_only)); then
  echo "install-system-deps: missing: ${missing[*]}"
  exit 1
fi

[[ "$(id -u)" == 0 ]] || die "must run as root to install: ${missing[*]}"
command -v apt-get >/dev/null || die "apt-get not found: this script supports Debian 12 only"

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp -t install-system-deps.XXXXXX.log)"
cleanup=()
on_exit() { local c; for c in "${cleanup[@]}"; do eval "$c"; done; }
trap on_exit EXIT

# Package scripts must not start system-wide PostgreSQL/Redis on their default ports: the
# tests start their own throwaway servers. Debian's policy-rc.d hook (exit 101 = "don't")
# does that; add one only for the duration of the install if the machine has none.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  cleanup+=("rm -f /usr/sbin/policy-rc.d")
fi

apt_opts=(-q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300
          -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

echo "install-system-deps: installing ${missing[*]}"
start=$SECONDS
if ! apt-get "${apt_opts[@]}" update </dev/null >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  die "apt-get update failed (full log: $log)"
fi
if ! apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}" </dev/null >>"$log" 2>&1; then
  tail -n 40 "$log" >&2
  die "apt-get install ${missing[*]} failed (full log: $log)"
fi

# Verify rather than trust apt's exit code: a package name that apt resolved to something
# else, or a half-configured package, must fail here and not later in a confusing test.
still=()
for pkg in "${missing[@]}"; do is_installed "$pkg" || still+=("$pkg"); done
((${#still[@]} == 0)) || die "still not installed after apt-get: ${still[*]} (log: $log)"
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || die "PostgreSQL 15 initdb not found at /usr/lib/postgresql/15/bin"
command -v redis-server >/dev/null || die "redis-server not on PATH"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium missing"

rm -f "$log"
echo "install-system-deps: done in $((SECONDS - start)) s"
