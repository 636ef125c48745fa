"""A stand-in for the collaboration service on a real socket: answers from a script and records
every request (method, path, headers, JSON body), for fault injection the live service
cannot do (server errors, outages that end)."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: object


@dataclass
class StandIn:
    server: ThreadingHTTPServer
    answers: list[tuple[int, object]] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, *answers: tuple[int, object]) -> None:
        """Answer the next requests with these (status, JSON body); the last one repeats."""
        self.answers[:] = answers


def _handler(standin: "StandIn") -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _respond(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            standin.seen.append(
                Seen(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=json.loads(raw) if raw else None,
                )
            )
            status, body = (
                standin.answers.pop(0) if len(standin.answers) > 1 else standin.answers[0]
            )
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = _respond

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def standin():
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    stand_in = StandIn(server=server, answers=[(500, {"message": "no script"})])
    server.RequestHandlerClass = _handler(stand_in)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()
