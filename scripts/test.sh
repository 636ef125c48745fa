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
  # The Tutor plugin's tests use no test database (the live deployment brings its own MariaDB
  # schema), so they run in the first pass only.
  extra=()
  if [ "$db" != postgresql ]; then extra=(--ignore=tests/tutor_config); fi
  code=0
  SZPON_TEST_DB=$db .venv/bin/python -m pytest "$@" "${extra[@]}" || code=$?
  # 5: nothing left to collect (a run of the Tutor tests alone).
  if [ "$code" -ne 0 ] && ! { [ "$code" -eq 5 ] && [ "$db" != postgresql ]; }; then
    status=$code
  fi
done
exit $status
