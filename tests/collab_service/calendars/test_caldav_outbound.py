"""A server an official names cannot send the worker to internal addresses: not by a redirect,
not by a DNS answer that changes between a check and the connection.

Every address here is on loopback; the resolver's notion of "public" is swapped so that
127.0.0.2 plays a server on the internet and 127.0.0.1 the service's internal network.
"""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from collab_service.calendars.caldav_client import CalDavClient, CalDavError
from collab_service.calendars.outbound import (
    PublicAddressResolver,
    is_public_address,
    public_session,
)
from tests.infra.background_server import BackgroundServer

PUBLIC, INTERNAL = "127.0.0.2", "127.0.0.1"


class Recording(BaseHTTPRequestHandler):
    """Answers every request with ``answer`` and records the path it was asked for."""

    answer: tuple[int, dict[str, str]] = (207, {})
    seen: list[str]

    def _answer(self) -> None:
        self.seen.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers = self.answer
        body = b'<?xml version="1.0"?><multistatus xmlns="DAV:"/>' if status == 207 else b""
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    do_PROPFIND = do_REPORT = do_GET = do_PUT = do_DELETE = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def serve():
    started: list[BackgroundServer] = []

    def start(host: str, status: int = 207, headers: dict | None = None, port: int = 0):
        handler = type("Handler", (Recording,), {"answer": (status, headers or {}), "seen": []})
        background = BackgroundServer(ThreadingHTTPServer((host, port), handler))
        background.start()
        started.append(background)
        return handler.seen, f"http://{host}:{background.port}"

    yield start
    for background in started:
        background.stop()


def _client(url: str, resolver: PublicAddressResolver) -> CalDavClient:
    return CalDavClient(
        url=url + "/",
        username="jan",
        secret="x",
        timeout_seconds=2,
        session=public_session(resolver=resolver),
    )


def only_public(address: str) -> bool:
    return address == PUBLIC


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_redirect_to_an_internal_address_is_refused_before_connecting(serve, scheme):
    internal_seen, internal_url = serve(INTERNAL)
    target = internal_url.replace("http", scheme, 1) + "/admin/"
    _public_seen, public_url = serve(PUBLIC, 301, {"Location": target})

    with pytest.raises(CalDavError) as refused:
        _client(public_url, PublicAddressResolver(allowed=only_public)).calendars()

    assert refused.value.kind == CalDavError.NOT_ALLOWED
    assert internal_seen == []


def test_a_server_whose_name_resolves_inside_is_refused(serve):
    internal_seen, internal_url = serve(INTERNAL)

    with pytest.raises(CalDavError) as refused:
        _client(internal_url, PublicAddressResolver(allowed=only_public)).calendars()

    assert refused.value.kind == CalDavError.NOT_ALLOWED
    assert internal_seen == []


class Rebinding(PublicAddressResolver):
    """A DNS name whose first answer is public and every later one internal."""

    def __init__(self) -> None:
        super().__init__(allowed=only_public)
        self.lookups = 0

    def lookup(self, host, port, family, kind, proto, flags) -> list:
        self.lookups += 1
        address = PUBLIC if self.lookups == 1 else INTERNAL
        return super().lookup(address, port, family, kind, proto, flags)


def test_each_connection_goes_to_the_address_its_own_lookup_checked(serve):
    """The name first answers with a public address, then rebinds to an internal one: the first
    request reaches the public server, the next connection is refused, nothing goes inside."""
    public_seen, public_url = serve(PUBLIC)
    port = int(public_url.rsplit(":", 1)[1])
    internal_seen, _internal_url = serve(INTERNAL, port=port)
    resolver = Rebinding()

    with pytest.raises(CalDavError) as refused:
        _client(f"http://calendar.example:{port}", resolver).calendars()

    assert len(public_seen) == 1  # connected where the checked answer pointed
    assert internal_seen == []
    assert refused.value.kind == CalDavError.NOT_ALLOWED
    assert resolver.lookups == 2  # one lookup per connection, none between check and connect


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2a00:1450:4001:80b::200e", True),
        ("10.0.0.1", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:10.0.0.1", False),  # IPv4-mapped
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("not-an-address", False),
    ],
)
def test_which_addresses_count_as_public(address, public):
    assert is_public_address(address) is public
