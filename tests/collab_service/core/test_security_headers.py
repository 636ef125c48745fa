import json
import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/public/institutions/"])
def test_pages_send_security_headers(client, path):
    response = client.get(path)

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/docs/"])
def test_pages_load_assets_only_from_the_service(client, path):
    content = client.get(path).content.decode()

    assets = re.findall(r'<(?:link|script|img)[^>]*?(?:src|href)="([^"]+)"', content)
    assert assets
    assert all(url.startswith("/") and not url.startswith("//") for url in assets), assets


def test_language_cookie_selects_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/")

    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_unknown_language_cookie_falls_back_to_polish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    response = client.get("/")

    assert response["Content-Language"] == "pl"


def test_server_error_page_renders_without_the_request_context(rf):
    from collab_service.core.views.errors import server_error

    page = server_error(rf.get("/app/"))
    api = server_error(rf.get("/api/v1/units/"))

    assert page.status_code == api.status_code == 500
    assert "<h1>" in page.content.decode()
    assert json.loads(api.content)["code"] == "server_error"
