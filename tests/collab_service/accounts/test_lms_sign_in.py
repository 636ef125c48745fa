"""Signing in with the Open edX account: the real views against a stand-in LMS over HTTP."""

import re
from html import escape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.conf import settings
from django.test import Client

from collab_service.accounts.models import User
from collab_service.accounts.services.lms_sign_in import (
    LmsSignInAccountDisabled,
    LmsSignInDenied,
    LmsSignInRefused,
    LmsSignInStateInvalid,
    LmsSignInTokenInvalid,
    LmsSignInUnavailable,
)
from tests.factories import UserFactory
from tests.infra.lms_oauth_standin import REDIRECT_URI, Reply

pytestmark = pytest.mark.django_db

BUTTON = "Sign in with your Open edX account"


@pytest.fixture
def client(client):
    """Pages in English (the service's default language is Polish)."""
    client.cookies["collab_language"] = "en"
    return client


def start(client, next_url: str | None = None):
    """The service's first step: the browser is sent to the LMS's authorization page."""
    response = client.get("/accounts/lms/login/", {"next": next_url} if next_url else {})
    assert response.status_code == 302
    return response["Location"]


def at_lms(authorize_url: str) -> str:
    """What the browser does at the LMS: the address it is sent back to."""
    answer = httpx.get(authorize_url, follow_redirects=False, trust_env=False)
    assert answer.status_code == 302, answer.text
    back = answer.headers["location"]
    assert back.startswith(f"{REDIRECT_URI}?")
    return back


def come_back(client, url: str):
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


def sign_in(client, next_url: str | None = None):
    return come_back(client, at_lms(start(client, next_url)))


def signed_in_user(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def shows(response, message) -> bool:
    return escape(str(message)) in response.content.decode()


def test_first_sign_in_creates_the_user_and_signs_in(client, lms_oauth):
    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/app/"
    user = signed_in_user(client)
    assert user is not None
    assert (user.lms_user_id, user.username, user.email, user.full_name) == (
        42,
        "urzedniczka42",
        "ola@example.gov.pl",
        "Ola Urzędniczka",
    )
    assert not user.has_usable_password()
    assert client.get("/app/").status_code == 200


def test_the_browser_goes_to_the_lms_with_code_flow_and_scopes(client, lms_oauth):
    location = urlsplit(start(client))
    query = parse_qs(location.query)

    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{lms_oauth.url}/oauth2/authorize"
    )
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [lms_oauth.client_id]
    assert query["redirect_uri"] == [REDIRECT_URI]
    assert query["scope"] == ["user_id profile email"]
    assert len(query["state"][0]) >= 32


def test_the_code_is_exchanged_for_an_asymmetric_jwt(client, lms_oauth):
    sign_in(client)

    [exchange] = lms_oauth.seen("/oauth2/access_token")
    assert exchange.method == "POST"
    assert {name: exchange.params[name] for name in exchange.params if name != "code"} == {
        "grant_type": "authorization_code",
        "redirect_uri": REDIRECT_URI,
        "client_id": lms_oauth.client_id,
        "client_secret": lms_oauth.client_secret,
        "token_type": "jwt",
        "asymmetric_jwt": "true",
    }


def test_browsers_use_the_public_lms_address_and_the_service_the_internal_one(
    client, lms_oauth, settings
):
    settings.LMS_URL = "https://lms.example.gov.pl"
    location = urlsplit(start(client))
    assert location.netloc == "lms.example.gov.pl"

    response = come_back(client, at_lms(f"{lms_oauth.url}{location.path}?{location.query}"))

    assert response.status_code == 302
    assert len(lms_oauth.seen("/oauth2/access_token")) == 1
    assert signed_in_user(client).lms_user_id == 42


def test_second_sign_in_reuses_the_user_and_refreshes_name_and_email(client, lms_oauth):
    sign_in(client)
    first = signed_in_user(client)
    client.logout()
    lms_oauth.user.update(email="ola.nowak@example.gov.pl", name="Ola Nowak")

    response = sign_in(client)

    assert response.status_code == 302
    assert User.objects.filter(lms_user_id=42).count() == 1
    again = signed_in_user(client)
    assert again.pk == first.pk
    assert (again.email, again.full_name) == ("ola.nowak@example.gov.pl", "Ola Nowak")


def test_sign_in_returns_to_next(client, lms_oauth):
    response = sign_in(client, next_url="/tasks/?list=3")

    assert response.status_code == 302
    assert response["Location"] == "/tasks/?list=3"


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/app/", "javascript:alert(1)"]
)
def test_unsafe_next_is_ignored(client, lms_oauth, unsafe):
    response = sign_in(client, next_url=unsafe)

    assert response.status_code == 302
    assert response["Location"] == "/app/"
    assert signed_in_user(client) is not None


def test_the_sign_in_page_passes_next_to_the_open_edx_link(client, lms_oauth):
    response = client.get("/accounts/login/", {"next": "/tasks/"})

    assert response.context["lms_sign_in_url"] == "/accounts/lms/login/?next=%2Ftasks%2F"


def test_state_from_another_sign_in_is_refused(client, lms_oauth):
    first = at_lms(start(client))
    start(client)  # a second start replaces the state the first one expects

    response = come_back(client, first)

    assert response.status_code == 400
    assert shows(response, LmsSignInStateInvalid.message)
    assert signed_in_user(client) is None
    assert lms_oauth.seen("/oauth2/access_token") == []


def test_state_serves_one_answer(client, lms_oauth):
    back = at_lms(start(client))
    assert come_back(client, back).status_code == 302
    client.logout()

    response = come_back(client, back)

    assert response.status_code == 400
    assert shows(response, LmsSignInStateInvalid.message)
    assert signed_in_user(client) is None
    assert len(lms_oauth.seen("/oauth2/access_token")) == 1


def test_answer_without_a_started_sign_in_is_refused(client, lms_oauth):
    """Login CSRF: someone else's code must not sign this browser in."""
    other_browser = type(client)()
    back = at_lms(start(other_browser))

    response = come_back(client, back)

    assert response.status_code == 400
    assert shows(response, LmsSignInStateInvalid.message)
    assert signed_in_user(client) is None


def test_refusal_on_the_lms_is_a_clear_page_with_a_way_back(client, lms_oauth):
    lms_oauth.deny = True

    response = sign_in(client, next_url="/tasks/")

    assert response.status_code == 400
    assert shows(response, LmsSignInDenied.message)
    assert 'href="/accounts/lms/login/?next=%2Ftasks%2F"' in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.exists()


def test_refusal_on_the_lms_is_explained_in_polish(client, lms_oauth):
    client.cookies["collab_language"] = "pl"
    lms_oauth.deny = True

    response = sign_in(client)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Platforma Open edX odmówiła logowania" in page
    assert "Zaloguj się kontem Open edX" in page


def test_lms_down_is_a_clear_page(client, lms_oauth):
    back = at_lms(start(client))
    lms_oauth.stop()

    response = come_back(client, back)

    assert response.status_code == 502
    assert shows(response, LmsSignInUnavailable.message)
    assert signed_in_user(client) is None


@pytest.mark.parametrize(
    "reply",
    [
        Reply(500, b"<h1>Server Error</h1>"),
        Reply(200, b"<html>not json</html>"),
        Reply(200, b'{"token_type": "JWT"}'),
    ],
    ids=["5xx", "not-json", "no-token"],
)
def test_unusable_lms_answer_is_a_clear_page(client, lms_oauth, reply):
    back = at_lms(start(client))
    lms_oauth.queue(reply)

    response = come_back(client, back)

    assert response.status_code == 502
    assert shows(response, LmsSignInUnavailable.message)
    assert signed_in_user(client) is None


def test_wrong_client_secret_is_refused_by_the_lms(client, lms_oauth, settings):
    settings.LMS_OAUTH = {**settings.LMS_OAUTH, "client_secret": "not-the-secret"}

    response = sign_in(client)

    assert response.status_code == 400
    assert shows(response, LmsSignInRefused.message)
    assert signed_in_user(client) is None


def test_code_used_twice_is_refused_by_the_lms(client, lms_oauth):
    back = at_lms(start(client))
    assert come_back(client, back).status_code == 302
    client.logout()
    code = parse_qs(urlsplit(back).query)["code"][0]
    state = parse_qs(urlsplit(start(client)).query)["state"][0]

    response = come_back(client, f"{REDIRECT_URI}?code={code}&state={state}")

    assert response.status_code == 400
    assert shows(response, LmsSignInRefused.message)
    assert signed_in_user(client) is None
    assert len(lms_oauth.seen("/oauth2/access_token")) == 2


@pytest.mark.parametrize(
    ("claims", "key"),
    [
        ({"iss": "http://evil.test/oauth2"}, "lms"),
        ({"aud": "another-service"}, "lms"),
        ({}, "attacker"),
        ({"user_id": None}, "lms"),
    ],
    ids=["wrong-issuer", "wrong-audience", "foreign-signature", "no-user-id-scope"],
)
def test_untrusted_token_is_refused(client, lms_oauth, claims, key):
    lms_oauth.token_claims = claims
    lms_oauth.token_key = key

    response = sign_in(client)

    assert response.status_code == 400
    assert shows(response, LmsSignInTokenInvalid.message)
    assert signed_in_user(client) is None
    assert not User.objects.exists()


def test_disabled_account_is_refused(client, lms_oauth):
    UserFactory(username="ola-local", lms_user_id=42, is_active=False)

    response = sign_in(client)

    assert response.status_code == 403
    assert shows(response, LmsSignInAccountDisabled.message)
    assert signed_in_user(client) is None


def test_sign_in_page_offers_open_edx_when_configured(client, lms_oauth):
    response = client.get("/accounts/login/")

    page = response.content.decode()
    assert f'<a class="button primary" href="/accounts/lms/login/">{BUTTON}</a>' in page
    assert page.index(BUTTON) < page.index('<form method="post"')


@pytest.mark.parametrize(
    "missing",
    ["client_id", "client_secret", "jwt_keys", "lms_url"],
)
def test_open_edx_is_not_offered_when_not_configured(client, lms_oauth, settings, missing):
    if missing == "jwt_keys":
        settings.LMS_JWT = {**settings.LMS_JWT, "public_jwks": ""}
    elif missing == "lms_url":
        settings.LMS_URL = ""
    else:
        settings.LMS_OAUTH = {**settings.LMS_OAUTH, missing: ""}

    assert BUTTON not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/lms/login/").status_code == 404
    assert client.get("/accounts/lms/complete/?code=x&state=y").status_code == 404


def test_the_local_form_on_the_failure_page_still_signs_in(client, lms_oauth):
    """The failure page is served at the return address; its form must post to the sign-in."""
    UserFactory(username="urzednik", password="dobre-haslo-2026!")
    lms_oauth.deny = True
    failure = sign_in(client, next_url="/tasks/")
    assert failure.status_code == 400
    action = re.search(r'<form method="post" action="([^"]+)"', failure.content.decode()).group(1)

    response = client.post(
        action, {"username": "urzednik", "password": "dobre-haslo-2026!", "next": "/tasks/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/tasks/"
    assert signed_in_user(client).username == "urzednik"


def test_the_lms_cookies_sent_along_do_not_shadow_the_services():
    """Tutor gives the LMS's cookies its domain, so browsers also send its ``sessionid`` and
    ``csrftoken`` to the service's host, after or before the service's own: with the same names
    Django would read the LMS's, refuse the CSRF check and lose the session."""
    UserFactory(username="urzednik", password="dobre-haslo-2026!")
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    own = "; ".join(f"{name}={morsel.value}" for name, morsel in browser.cookies.items())
    lms = "sessionid=an-lms-session-key; csrftoken=an-lms-csrf-token-0123456789abcdef"

    response = browser.post(
        "/accounts/login/",
        {"username": "urzednik", "password": "dobre-haslo-2026!", "csrfmiddlewaretoken": token},
        HTTP_COOKIE=f"{own}; {lms}",
    )

    assert response.status_code == 302
    session_key = response.cookies[settings.SESSION_COOKIE_NAME].value
    assert (
        browser.get(
            "/app/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session_key}; {lms}"
        ).status_code
        == 200
    )
