"""Whose address a request is: trusted proxies vouch for the hops they add, nobody else does."""

import pytest

from collab_service.core.client_ip import client_address

WITH_CDN = ["10.0.0.0/8", "198.51.100.0/24"]
PRIVATE = ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7"]


@pytest.mark.parametrize(
    ("proxies", "trusted", "peer", "forwarded", "expected"),
    [
        # Straight to the web process: the peer, whatever the header says.
        (1, PRIVATE, "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        (1, PRIVATE, "203.0.113.9", None, "203.0.113.9"),
        # One proxy (Caddy, an ingress): the hop it appended, not what the browser forged.
        (1, PRIVATE, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, PRIVATE, "10.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # Two proxies: with one configured, everyone would be the first proxy.
        (1, PRIVATE, "10.0.0.1", "203.0.113.9, 10.0.0.2", "10.0.0.2"),
        (2, PRIVATE, "10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        # A CDN in front: its public range is trusted by address.
        (
            2,
            ["10.0.0.0/8", "198.51.100.0/24"],
            "10.0.0.1",
            "203.0.113.9, 198.51.100.5",
            "203.0.113.9",
        ),
        # The outer hop is not a trusted proxy: its claim about the client is not believed.
        (2, PRIVATE, "10.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # Fewer hops than proxies configured, garbage, ports and IPv6.
        (2, PRIVATE, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, PRIVATE, "10.0.0.1", "not-an-address", "10.0.0.1"),
        (1, PRIVATE, "10.0.0.1", "203.0.113.9:51234", "203.0.113.9"),
        (1, PRIVATE, "::1", "[2001:db8::7]:443", "2001:db8::7"),
        (1, PRIVATE, "::ffff:10.0.0.1", "203.0.113.9", "203.0.113.9"),
        # No proxy configured: the peer.
        (0, PRIVATE, "10.0.0.1", "203.0.113.9", "10.0.0.1"),
    ],
)
def test_client_address(rf, settings, proxies, trusted, peer, forwarded, expected):
    settings.PROXY_COUNT, settings.TRUSTED_PROXIES = proxies, trusted
    headers = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded

    assert client_address(rf.get("/", **headers)) == expected
