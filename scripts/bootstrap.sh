#!/usr/bin/env bash
# Create .venv (Python 3.12 where available, else 3.11) and install the project with the extras
# given as the first argument. Installs the few Debian packages the build needs when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-collab}"

pick_python() {
  if PYENV_VERSION=3.12.1 python3.12 -c 'import sys' >/dev/null 2>&1; then
    echo "env PYENV_VERSION=3.12.1 python3.12"
  elif command -v python3.12 >/dev/null 2>&1 && python3.12 -c 'import sys' >/dev/null 2>&1; then
    echo python3.12
  elif python3 -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo python3
  else
    echo "Python 3.11 or 3.12 is required." >&2
    exit 1
  fi
}

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install the Debian packages: $*" >&2
    return 1
  fi
  if [ ! -f /var/lib/apt/lists/lock ] || [ -z "$(ls /var/lib/apt/lists/ 2>/dev/null | grep -v lock)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

# mysqlclient (the MySQL/MariaDB driver Open edX uses too) compiles against libmysqlclient.
if ! pkg-config --exists mysqlclient 2>/dev/null; then
  apt_install default-libmysqlclient-dev pkg-config build-essential
fi

if [ ! -x .venv/bin/python ]; then
  $(pick_python) -m venv .venv
fi

stamp=".venv/.installed-${extras//,/-}"
digest=$(cat setup.cfg pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[${extras}]"
  echo "$digest" > "$stamp"
fi
