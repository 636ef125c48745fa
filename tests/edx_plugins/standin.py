"""A stand-in for the collaboration service on a real socket: answers from a script and records
every request (method, path, headers, JSON body), for fault injection the live service
cannot do (server errors, outages that end, a service that takes requests and never answers)."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.infra.background_server import BackgroundServer


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: object


@dataclass
class StandIn:
    answers: list[tuple[int, object]] = field(
        default_factory=lambda: [(500, {"message": "no script"})]
    )
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._silent = False
        self._released = threading.Event()
        server = _Server(("127.0.0.1", 0), _Handler)
        server.standin = self
        self._background = BackgroundServer(server)
        self.url = self._background.url

    def answer(self, *answers: tuple[int, object]) -> None:
        """Answer the next requests with these (status, JSON body, or bytes sent as they are);
        the last one repeats."""
        self.answers[:] = answers

    def hang(self) -> None:
        """Take requests and never answer them, like a service stuck behind its proxy."""
        self._silent = True

    def start(self) -> "StandIn":
        self._background.start()
        return self

    def stop(self) -> None:
        self._released.set()
        self._background.stop()

    def respond(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        self.seen.append(
            Seen(
                method=handler.command,
                path=handler.path,
                headers={k.lower(): v for k, v in handler.headers.items()},
                body=json.loads(raw) if raw else None,
            )
        )
        if self._silent:
            self._released.wait()
            return
        status, body = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


class _Server(ThreadingHTTPServer):
    standin: StandIn
    block_on_close = False


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _respond(self) -> None:
        self.server.standin.respond(self)

    do_GET = do_POST = do_PUT = _respond

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def standin():
    stand_in = StandIn().start()
    yield stand_in
    stand_in.stop()
