#!/usr/bin/env bash
# The whole test suite: ruff and mypy, then pytest on PostgreSQL and on MariaDB (with Redis, SMTP,
# Celery and Chromium). Servers already listening are used; missing ones are started.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh collab,lms,tutor,test

# Debian's chromium for the browser tests, docker-compose (v1: validates compose files without a
# Docker engine) for the Tutor plugin's tests.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}…"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
      || echo "Could not install ${missing[*]}." >&2
  fi
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy --strict tutor_config

status=0
for db in postgresql mariadb; do
  echo "== tests on $db =="
  SZPON_TEST_DB=$db .venv/bin/python -m pytest "$@" || status=$?
done
exit $status
