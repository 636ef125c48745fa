"""Signing in with Open edX in Chromium: the link on the sign-in page, the trip to the LMS and
back, and the failure page, each accessible (axe-core, WCAG 2.1 A/AA) in Polish and English."""

import pytest
from django.conf import settings as django_settings

from collab_service.accounts.models import User
from tests.infra.browser import axe_violations
from tests.infra.lms_oauth_standin import LmsOAuthStandIn, service_pointed_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = {"pl": "Zaloguj się kontem Open edX", "en": "Sign in with your Open edX account"}


@pytest.fixture
def lms(live_server, settings):
    standin = LmsOAuthStandIn(
        redirect_uris=(f"{live_server.url}/accounts/lms/complete/",),
        user={
            "user_id": 77,
            "preferred_username": "ola.urzedniczka",
            "email": "ola@urzad.example.gov.pl",
            "email_verified": True,
            "name": "Ola Urzędniczka",
        },
    ).start()
    settings.PUBLIC_URL = live_server.url
    service_pointed_at(standin, settings)
    yield standin
    standin.stop()


def _page(browser, live_server, language: str):
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": django_settings.LANGUAGE_COOKIE_NAME,
                "value": language,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_an_official_signs_in_through_the_lms_and_lands_signed_in(
    browser, live_server, lms, language
):
    context, page = _page(browser, live_server, language)
    try:
        page.goto(f"{live_server.url}/accounts/login/?next=/tasks/")
        assert axe_violations(page) == []
        link = page.get_by_role("link", name=LINK[language])
        assert link.count() == 1

        with page.expect_navigation(url=f"{live_server.url}/tasks/"):
            link.click()

        assert page.locator("h1").count() == 1
        assert User.objects.get(lms_user_id=77).username == "ola.urzedniczka"
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_refusal_on_the_lms_shows_an_accessible_page_with_a_way_back(
    browser, live_server, lms, language
):
    lms.deny = True
    context, page = _page(browser, live_server, language)
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        with page.expect_navigation(url=f"{live_server.url}/accounts/lms/complete/**"):
            page.get_by_role("link", name=LINK[language]).click()

        alert = page.get_by_role("alert")
        assert alert.count() == 1
        assert alert.inner_text().strip()
        assert page.get_by_role("link", name=LINK[language]).count() >= 1
        assert axe_violations(page) == []
        assert not User.objects.filter(lms_user_id=77).exists()
    finally:
        context.close()
