#!/usr/bin/env bash
# Serve both XBlocks in the XBlock SDK workbench, wired to a running collaboration service.
#
#   SZPON_SERVICE_URL           the service (default http://127.0.0.1:8000)
#   SZPON_JWT_PRIVATE_KEY_FILE  PEM key the workbench signs its users' tokens with (or the PEM
#                               itself in SZPON_JWT_PRIVATE_KEY); the service must trust its
#                               public half (COLLAB_LMS_JWT_PUBLIC_JWKS, see
#                               `python -m xblocks.sdk_workbench.demo_keys`)
#   SZPON_WORKBENCH_PORT        where the workbench listens (default 8001)
#   SZPON_JWT_ISSUER            default http://127.0.0.1:$SZPON_WORKBENCH_PORT/oauth2 (the
#                               service's COLLAB_LMS_URL + /oauth2)
#   SZPON_WORKBENCH_CASE_TYPE   the consultation scenario's case type; default: looked up by
#                               SZPON_WORKBENCH_CASE_TYPE_SLUG at SZPON_WORKBENCH_INSTITUTION
#   SZPON_WORKBENCH_DIR         SQLite database and log (default var/workbench)
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
port="${SZPON_WORKBENCH_PORT:-8001}"
export SZPON_SERVICE_URL="${SZPON_SERVICE_URL:-http://127.0.0.1:8000}"
export SZPON_JWT_ISSUER="${SZPON_JWT_ISSUER:-http://127.0.0.1:$port/oauth2}"
export SZPON_WORKBENCH_DIR="${SZPON_WORKBENCH_DIR:-$PWD/var/workbench}"
export DJANGO_SETTINGS_MODULE=xblocks.sdk_workbench.settings

if [ -z "${SZPON_WORKBENCH_CASE_TYPE:-}" ]; then
  SZPON_WORKBENCH_CASE_TYPE="$("$python" -m xblocks.sdk_workbench.case_type \
    "$SZPON_SERVICE_URL" "${SZPON_WORKBENCH_INSTITUTION:-um-przykladowo}" \
    "${SZPON_WORKBENCH_CASE_TYPE_SLUG:-konsultacja-podatkowa}")" || SZPON_WORKBENCH_CASE_TYPE=""
  export SZPON_WORKBENCH_CASE_TYPE
fi
if [ -z "${SZPON_JWT_PRIVATE_KEY:-}" ] && [ ! -r "${SZPON_JWT_PRIVATE_KEY_FILE:-}" ]; then
  echo "Set SZPON_JWT_PRIVATE_KEY_FILE (or SZPON_JWT_PRIVATE_KEY): the workbench signs its users' tokens with it." >&2
  exit 1
fi

mkdir -p "$SZPON_WORKBENCH_DIR"
"$python" -m django migrate --run-syncdb --no-input -v 0
cat <<INFO

XBlock workbench with the SZPoN blocks: http://127.0.0.1:$port/
  service            $SZPON_SERVICE_URL
  consultation case  ${SZPON_WORKBENCH_CASE_TYPE:-not found: set SZPON_WORKBENCH_CASE_TYPE}
  users              ?student=host (course staff), ?student=student_1 (learner),
                     ?student=anonymous (not signed in; the public_view)
As course staff, save a block once in its Studio editor: that saves it to the service.

INFO
exec "$python" -m django runserver "127.0.0.1:$port" --noreload
