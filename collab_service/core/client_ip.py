"""The visitor's address, for lockouts and rate limits, as far as trusted proxies vouch for it.

Each reverse proxy appends the address it saw to X-Forwarded-For; the web process sees the last
proxy as the connection's peer. Walking from the peer towards the browser, a hop is believed
only while the address that reported it is a trusted proxy, and for at most ``PROXY_COUNT``
proxies. A request that reaches the web process directly therefore counts as its own address,
whatever X-Forwarded-For it carries, and two proxies in a row never turn every visitor into the
first proxy's address.

django-ipware picks an address from the header alone and does not relate it to the connection's
peer, which is the check that defeats a forged header; hence this small function.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def client_address(request: HttpRequest) -> str:
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return request.META.get("REMOTE_ADDR", "")
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    client = peer
    for _step in range(settings.PROXY_COUNT):
        if not forwarded or not any(client in network for network in trusted):
            break
        hop = _address(forwarded.pop())
        if hop is None:
            break  # a hop no proxy would write: stop at the proxy that passed it on
        client = hop
    return str(client)
