"""A CalDAV server that refuses, fails, talks nonsense or hangs: each gives a clear state."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from collab_service.calendars.caldav_client import CalDavClient, CalDavError
from collab_service.calendars.models import CalendarConnection
from collab_service.calendars.services.connections import connection_test_run
from collab_service.calendars.services.pull import connection_pull
from tests.collab_service.calendars.caldav_helpers import connect
from tests.conftest import make_tenant

pytestmark = pytest.mark.django_db


class Misbehaving(BaseHTTPRequestHandler):
    behaviour = "401"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.behaviour == "slow":
            time.sleep(3)
        if self.behaviour in ("401", "403", "500", "503"):
            self.send_response(int(self.behaviour))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"<html><body>Maintenance <b>unclosed"
        self.send_response(207)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PROPFIND = do_REPORT = do_GET = do_PUT = do_DELETE = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def misbehaving():
    def start(behaviour: str) -> str:
        handler = type("Handler", (Misbehaving,), {"behaviour": behaviour})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    servers: list[ThreadingHTTPServer] = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("behaviour", "kind"),
    [
        ("401", CalDavError.AUTH),
        ("403", CalDavError.AUTH),
        ("500", CalDavError.SERVER),
        ("503", CalDavError.SERVER),
        ("malformed", CalDavError.MALFORMED),
        ("slow", CalDavError.UNREACHABLE),
    ],
)
def test_each_failure_has_its_kind(misbehaving, behaviour, kind):
    url = misbehaving(behaviour)
    client = CalDavClient(url=url, username="jan", secret="x", timeout_seconds=1)

    with pytest.raises(CalDavError) as failure:
        client.calendars()
    assert failure.value.kind == kind
    with pytest.raises(CalDavError):
        client.put(calendar_url=f"{url}jan/work/", uid="a@szpon", ics="BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("behaviour", "state"),
    [("401", "auth_failed"), ("500", "failing"), ("malformed", "failing")],
)
def test_test_button_and_pull_record_the_problem(misbehaving, settings, behaviour, state):
    settings.CALDAV_TIMEOUT_SECONDS = 1
    tenant = make_tenant("A")
    url = misbehaving(behaviour)
    connection = connect(tenant.official, type("S", (), {"url": url}), "jan", busy=[f"{url}w/"])

    connection_test_run(connection_id=connection.pk)
    connection.refresh_from_db()
    assert (connection.state, connection.consecutive_failures) == (state, 1)
    assert connection.last_error
    assert connection.discovered_calendars == []

    assert connection_pull(connection_id=connection.pk) is None
    connection.refresh_from_db()
    assert connection.consecutive_failures == 2
    assert connection.state == state
    assert CalendarConnection.objects.get(pk=connection.pk).remote_calendars.get().sync_token == ""
