"""A stand-in for Prosody's mod_muc_size: a real HTTP server on 127.0.0.1 that tests steer.

By default it answers like Prosody from ``rooms``: ``/room-size`` → ``{"participants": N}``,
404 for a room that is not open or another domain, 400 without a
query. ``queue(...)`` scripts the next answers, ``always(...)`` every answer after them (a status,
a raw body, a delay), and ``stop()`` leaves the port refusing connections. ``requests`` records
what came in.
"""

import json
import threading
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.infra.background_server import BackgroundServer


@dataclass(frozen=True)
class Reply:
    """One scripted answer; without a ``body``, a 200 is Prosody's answer from ``rooms``."""

    status: int = 200
    body: bytes | None = None
    delay: float = 0.0


@dataclass(frozen=True)
class SeenRequest:
    path: str
    query: dict[str, str]


@dataclass
class JitsiStandIn:
    domain: str = "meet.jitsi"
    rooms: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._script: list[Reply] = []
        self._always: Reply | None = None
        self._stopping = threading.Event()
        server = _Server(("127.0.0.1", 0), _Handler)
        server.standin = self
        self._background = BackgroundServer(server)
        self.port, self.url = self._background.port, self._background.url

    def open_room(self, room: str, participants: int) -> None:
        """A room with ``participants`` people in it (named after their number)."""
        self.rooms[room] = [
            {
                "jid": f"{room}@muc.{self.domain}/p{n}",
                "email": f"p{n}@example.gov.pl",
                "display_name": f"Person {n}",
            }
            for n in range(1, participants + 1)
        ]

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def always(self, reply: Reply | None) -> None:
        with self._lock:
            self._always = reply

    def paths(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.requests]

    def start(self) -> "JitsiStandIn":
        self._background.start()
        return self

    def stop(self) -> None:
        """Stop answering: connections to the port are refused from now on."""
        self._stopping.set()
        self._background.stop()

    def _answer(self, path: str, query: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(SeenRequest(path, query))
            scripted = self._script.pop(0) if self._script else self._always
        if scripted is None:
            return self._prosody_answer(path, query)
        if scripted.body is None and scripted.status == 200:
            return replace(self._prosody_answer(path, query), delay=scripted.delay)
        return scripted

    def _prosody_answer(self, path: str, query: dict[str, str]) -> Reply:
        if path != "/room-size":
            return Reply(status=404, body=b"")
        if not query:
            return Reply(status=400, body=b"")
        occupants = self.rooms.get(query.get("room", ""))
        if occupants is None or query.get("domain") != self.domain:
            return Reply(status=404, body=b"")
        return Reply(body=json.dumps({"participants": len(occupants)}).encode())


class _Server(ThreadingHTTPServer):
    standin: JitsiStandIn
    # Handlers may still sleep on a slow answer when the server stops; nobody waits for them.
    block_on_close = False

    def handle_error(self, request, client_address) -> None:
        """A client that gave up (timed out) while an answer was on its way is expected."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    # HTTP/1.0: one request per connection, so a stopped stand-in keeps no live connection.
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {name: values[-1] for name, values in parse_qs(url.query).items()}
        standin = self.server.standin
        reply = standin._answer(url.path, query)
        if reply.delay and standin._stopping.wait(reply.delay):
            return
        body = reply.body or b""
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        pass
