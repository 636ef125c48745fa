"""The plugin's settings with their defaults, read lazily: settings are not ready at import."""

from typing import Any

from django.conf import settings

SERVICE_DEFAULTS: dict[str, Any] = {
    # Where the LMS reaches the service (server to server).
    "URL": "",
    # Where browsers reach it (links, anonymous visitors' calls); empty means the same as URL.
    "PUBLIC_URL": "",
    "TIMEOUT": 5,
    "RETRIES": 2,
    "JWT_EXPIRES_SECONDS": 120,
    # PEM of the LMS signing key, only outside the platform (workbench, tests): inside the LMS
    # the platform signs with its own key.
    "JWT_PRIVATE_KEY": "",
    "JWT_ISSUER": "",
    "JWT_KID": "openedx",
    # Training events the service could not take are retried after this, doubling to an hour.
    "EVENT_RETRY_SECONDS": 30,
}


def service_settings() -> dict[str, Any]:
    """SZPON_SERVICE over its defaults (a host project that never ran our plugin_settings still
    gets every key)."""
    return {**SERVICE_DEFAULTS, **(getattr(settings, "SZPON_SERVICE", None) or {})}


def public_url() -> str:
    """The service's address as browsers reach it (links and the visitors' forms)."""
    conf = service_settings()
    return (conf["PUBLIC_URL"] or conf["URL"]).rstrip("/")
