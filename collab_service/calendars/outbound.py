"""Connections to officials' CalDAV servers that cannot be turned against internal addresses.

An official types the server's address, so a hostile or broken server could point the worker at
the service's own network: through its DNS answer, a DNS answer that changes between a check and
the connection (rebinding), or a redirect. Every connection therefore resolves its host once,
through ``PublicAddressResolver``, and connects only to the public addresses of that one answer;
redirects are followed only to https addresses, and their hops connect the same way.
"""

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import niquests
from niquests.packages.urllib3.contrib.resolver.system import SystemResolver


class AddressRefused(OSError):
    """The server's address is not one the service may connect to."""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public_address(address: str) -> bool:
    """A global address, and so is any IPv4 address it carries (mapped, 6to4, NAT64, Teredo)."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    carried = []
    if isinstance(parsed, ipaddress.IPv6Address):
        carried += [parsed.ipv4_mapped, parsed.sixtofour, *(parsed.teredo or ())]
        if parsed in _NAT64:
            carried.append(ipaddress.IPv4Address(int(parsed) & 0xFFFFFFFF))
    return parsed.is_global and all(inner.is_global for inner in carried if inner is not None)


class PublicAddressResolver(SystemResolver):
    """The system resolver, keeping only the addresses ``allowed`` accepts (public ones)."""

    def __init__(self, *patterns: str, allowed: Callable[[str], bool] = is_public_address, **kw):
        super().__init__(*patterns, **kw)
        self.allowed = allowed

    def lookup(self, host: Any, port: Any, family: Any, kind: Any, proto: int, flags: int) -> list:
        return socket.getaddrinfo(host, port, family, kind, proto, flags)

    def getaddrinfo(self, host, port, family, type, proto=0, flags=0, **_ignored) -> list:
        records = self.lookup(host, port, family, type, proto, flags)
        kept = [record for record in records if self.allowed(str(record[4][0]))]
        if not kept:
            raise AddressRefused(f"{host!r} resolves to no address the service may connect to")
        return kept


def _https_redirects_only(response: niquests.Response, *args: Any, **kwargs: Any) -> None:
    if not response.is_redirect:
        return
    target = urljoin(str(response.url), response.headers.get("Location", ""))
    if urlsplit(target).scheme != "https":
        raise AddressRefused("the server redirects to an address without https")


def public_session(*, resolver: PublicAddressResolver | None = None) -> niquests.Session:
    """A session whose every connection, redirects included, goes to a checked public address."""
    session = niquests.Session(resolver=resolver or PublicAddressResolver())
    session.hooks["response"].append(_https_redirects_only)
    return session


def refusal_in(exc: BaseException) -> AddressRefused | None:
    """The ``AddressRefused`` behind an HTTP library's error, if that is what it was."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, AddressRefused):
            return current
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
        for linked in (current.__cause__, current.__context__, getattr(current, "reason", None)):
            if isinstance(linked, BaseException):
                pending.append(linked)
    return None
