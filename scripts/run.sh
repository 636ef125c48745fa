#!/usr/bin/env bash
# Run the collaboration service on the embedded default: SQLite, Celery tasks in-process
# (with an in-process stand-in for beat), e-mail written to files under var/mail, demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh collab,lms,workbench

export COLLAB_DATA_DIR="${COLLAB_DATA_DIR:-$PWD/var}"
port="${COLLAB_PORT:-8000}"
export COLLAB_PUBLIC_URL="${COLLAB_PUBLIC_URL:-http://127.0.0.1:$port}"
mkdir -p "$COLLAB_DATA_DIR/mail" "$COLLAB_DATA_DIR/static"

# The XBlock SDK workbench plays the LMS: it signs its users' tokens with a demo key whose public
# half the service trusts, and course meetings of its demo course belong to the demo office.
workbench_port="${SZPON_WORKBENCH_PORT:-8001}"
export SZPON_WORKBENCH_DIR="${SZPON_WORKBENCH_DIR:-$COLLAB_DATA_DIR/workbench}"
export SZPON_JWT_PRIVATE_KEY_FILE="$SZPON_WORKBENCH_DIR/jwt-key.pem"
export COLLAB_LMS_URL="${COLLAB_LMS_URL:-http://127.0.0.1:$workbench_port}"
COLLAB_LMS_JWT_PUBLIC_JWKS="$(.venv/bin/python -m xblocks.sdk_workbench.demo_keys "$SZPON_JWT_PRIVATE_KEY_FILE")"
export COLLAB_LMS_JWT_PUBLIC_JWKS
export COLLAB_LMS_DEFAULT_INSTITUTION="${COLLAB_LMS_DEFAULT_INSTITUTION:-um-przykladowo}"
manage=".venv/bin/szpon-collab"
$manage migrate --no-input -v 0
$manage load_demo_data
$manage load_demo_appointments
$manage load_demo_meetings
$manage load_demo_tasks
$manage load_demo_training

# A local CalDAV server (Radicale) stands in for an official's own calendar in the demo.
caldav_port="${COLLAB_DEMO_CALDAV_PORT:-5232}"
caldav_note="not started (set COLLAB_DEMO_CALDAV_PORT to a free port)"
caldav_pid=""
if .venv/bin/python -c 'import radicale' 2>/dev/null || .venv/bin/pip install -q "Radicale>=3.5,<4"; then
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$caldav_port") 2>/dev/null; then
    mkdir -p "$COLLAB_DATA_DIR/radicale"
    .venv/bin/python -m radicale --server-hosts "127.0.0.1:$caldav_port" --auth-type none \
      --rights-type owner_only --storage-filesystem-folder "$COLLAB_DATA_DIR/radicale" \
      --logging-level warning >"$COLLAB_DATA_DIR/radicale.log" 2>&1 &
    caldav_pid=$!
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$caldav_port") 2>/dev/null && break; sleep 0.1; done
  fi
  if $manage load_demo_calendar --caldav-url "http://127.0.0.1:$caldav_port/"; then
    caldav_note="http://127.0.0.1:$caldav_port/ (jan.kowalski's calendars: praca, zadania)"
  fi
fi

cat <<INFO

SZPoN collaboration service (embedded mode)
  Citizens' directory   $COLLAB_PUBLIC_URL/
  Book a visit          $COLLAB_PUBLIC_URL/institutions/um-przykladowo/
  Officials' workspace  $COLLAB_PUBLIC_URL/app/
  Video meetings        $COLLAB_PUBLIC_URL/meetings/
  Tasks                 $COLLAB_PUBLIC_URL/tasks/
  Calendar              $COLLAB_PUBLIC_URL/calendar/
  CalDAV connection     $COLLAB_PUBLIC_URL/calendar/connection/
  Administration        $COLLAB_PUBLIC_URL/admin/
  API reference         $COLLAB_PUBLIC_URL/api/docs/   (schema: /api/v1/schema/)
  Training records      $COLLAB_PUBLIC_URL/training/
  Health                $COLLAB_PUBLIC_URL/health/ready

XBlock workbench (stands in for the LMS): http://127.0.0.1:$workbench_port/
  the live meeting and consultation blocks, against this service; pick the user with
  ?student=host (course staff), ?student=student_1 (learner), ?student=anonymous (visitor);
  as course staff, save a block once in its Studio editor (that saves it to the service).
  Log: $SZPON_WORKBENCH_DIR.log

Demo sign-ins (password for all: demo-szpon-2026)
  admin              platform admin
  piotr.zielinski    institution admin, Urząd Miasta Przykładowo
  anna.nowak         unit manager, Wydział Spraw Obywatelskich
  jan.kowalski       official, Wydział Spraw Obywatelskich
  tomasz.wojcik      institution admin, Ministerstwo Cyfryzacji (demo)

E-mail is not sent: every message is written to $COLLAB_DATA_DIR/mail/
Video calls need a Jitsi server: by default the join page embeds one at
https://localhost:8443 (docker-jitsi-meet with JWT; see docs/operators.md, "Video
meetings"); without it the page says the video server cannot be reached.
Demo CalDAV server: $caldav_note
  jan.kowalski's calendar is kept in step with it: his meetings, visits and tasks are
  pushed there, and its "Szkolenie BHP" course makes him busy for citizens' visits.
Scheduled jobs (expiring holds, waiting list, reminders, sending mail) run in the
background; their log is $COLLAB_DATA_DIR/periodic.log
Stop with Ctrl+C.

INFO
$manage run_periodic_tasks >"$COLLAB_DATA_DIR/periodic.log" 2>&1 &
periodic=$!
$manage runserver "127.0.0.1:$port" --noreload &
service=$!
workbench=""
trap 'kill "$service" "$periodic" $workbench $caldav_pid 2>/dev/null || true' EXIT INT TERM
# The workbench looks up the consultation scenario's case type in the service: wait for it.
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
SZPON_SERVICE_URL="$COLLAB_PUBLIC_URL" SZPON_WORKBENCH_PORT="$workbench_port" \
  PYTHON=.venv/bin/python scripts/workbench.sh >"$SZPON_WORKBENCH_DIR.log" 2>&1 &
workbench=$!
wait "$service"
