"""Secrets in links never reach the logs: every route with a secret parameter, access lines of
gunicorn and Django's own warnings."""

import logging
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from collab_service.core.log_redaction import SECRET_PARAMETERS, RedactSecrets, redact

SECRET = "eyJwIjoiMTIzIn0:1xaQYX:E9EkRst7pVRwCIoX-m9gs2"


def _secret_routes(patterns=None, namespace: str = "") -> list[tuple[str, list[str]]]:
    """Every named route whose pattern takes a secret parameter, with those parameters."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _secret_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names = list(entry.pattern.regex.groupindex)
            if SECRET_PARAMETERS & set(names):
                found.append((f"{namespace}{entry.name}", names))
    return found


ROUTES = _secret_routes()


def test_the_service_has_routes_with_secrets_to_hide():
    names = {name for name, _params in ROUTES}
    assert {"appointments:manage", "invitations:answer", "calendars:feed"} <= names


@pytest.mark.parametrize(("name", "params"), ROUTES, ids=[name for name, _p in ROUTES])
def test_every_secret_route_is_redacted(name, params):
    kwargs = {param: (SECRET if param in SECRET_PARAMETERS else "1") for param in params}
    if name == "calendars:feed":
        kwargs["token"] = "Abc_def-123456789012345678901234"
    try:
        path = reverse(name, kwargs=kwargs)
    except Exception:  # a pattern whose secret has a narrower shape
        kwargs = {param: ("A1b2C3d4E5" if param in SECRET_PARAMETERS else "1") for param in params}
        path = reverse(name, kwargs=kwargs)
    line = f'10.0.0.1 - - [07/Dec/2026:10:00:00 +0100] "GET {path} HTTP/1.1" 200 512 "-" "UA"'

    logged = redact(line)

    for param in SECRET_PARAMETERS & set(params):
        assert kwargs[param] not in logged
    assert "[redacted]" in logged


@pytest.mark.parametrize("encoded", [False, True])
def test_a_return_address_in_the_query_is_redacted_too(encoded):
    target = f"/invitations/{SECRET}/"
    value = quote(target, safe="") if encoded else quote(target, safe="/")

    logged = redact(f'"GET /accounts/login/?next={value} HTTP/1.1" 200')

    assert SECRET not in logged
    assert quote(SECRET, safe="") not in logged
    assert "next=/invitations/[redacted]/" in logged


def test_query_codes_and_referers_are_redacted_and_other_paths_kept():
    line = (
        '"GET /accounts/lms/complete/?code=abc123&state=s3cr3t&next=/app/ HTTP/1.1" 302 '
        f'"https://collab.example.gov.pl/visits/manage/{SECRET}/" "/desk/?day=2026-12-07"'
    )

    logged = redact(line)

    assert "abc123" not in logged
    assert "s3cr3t" not in logged
    assert SECRET not in logged
    assert "next=%2Fapp%2F" in logged or "next=/app/" in logged
    assert '"/desk/?day=2026-12-07"' in logged


def test_django_request_warnings_are_redacted_by_the_configured_handlers(client, caplog, settings):
    caplog.set_level(logging.WARNING, logger="django.request")

    response = client.get(f"/visits/manage/{SECRET}/")

    assert response.status_code == 400  # a link that does not verify
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    # Every handler the service configures filters through RedactSecrets.
    handlers = settings.LOGGING["handlers"].values()
    assert all("redact" in handler["filters"] for handler in handlers)
    assert settings.LOGGING["filters"]["redact"]["()"].endswith(".RedactSecrets")
    assert RedactSecrets().filter(record)
    assert record.getMessage() == "Bad Request: /visits/manage/[redacted]/"


def test_the_celery_worker_keeps_the_services_log_handlers():
    from collab_service import celery_app

    assert celery_app.conf.worker_hijack_root_logger is False


def test_gunicorn_access_lines_are_redacted():
    from gunicorn.config import Config

    from collab_service.core.gunicorn_logging import Logger

    config = Config()
    config.set("accesslog", "-")
    gunicorn_logger = Logger(config)
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    gunicorn_logger.access_log.addHandler(Keep())
    gunicorn_logger.access_log.info('"GET /invitations/%s/ HTTP/1.1" 200', SECRET)

    assert seen == ['"GET /invitations/[redacted]/ HTTP/1.1" 200']
