"""The course meetings page in Chromium passes axe-core (WCAG 2.1 A/AA), in Polish and English,
with the live service's data and with the service down."""

import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from edx_plugins.szpon.course_app import meetings_set_enabled
from tests.edx_plugins.conftest import COURSE_ID, point_plugin_at
from tests.edx_plugins.course_content import LIVE_TITLE, course_content_make
from tests.factories import UserFactory
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_as(browser, base_url: str, language: str, user):
    client = Client()
    client.force_login(user)
    host = urlparse(base_url).hostname
    context = browser.new_context(locale="pl-PL" if language == "pl" else "en-GB")
    context.add_cookies(
        [
            {"name": name, "value": value, "domain": host, "path": "/"}
            for name, value in [
                (django_settings.LANGUAGE_COOKIE_NAME, language),
                (
                    django_settings.SESSION_COOKIE_NAME,
                    client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                ),
            ]
        ]
    )
    return context, context.new_page()


def _check(page, url: str, language: str) -> None:
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], violations


@pytest.mark.parametrize("language", ["pl", "en"])
def test_course_page_with_data_is_accessible(browser, live_service, language):
    meetings_set_enabled(course_id=COURSE_ID, enabled=True)
    learner = UserFactory()
    course_content_make(staff=UserFactory(is_staff=True), attendee=learner)
    context, page = _open_as(browser, live_service.url, language, learner)
    try:
        url = live_service.url + reverse("szpon:course_meetings", args=[COURSE_ID])
        _check(page, url, language)
        assert page.locator("li.szpon-item").count() == 4  # three meetings, one consultation
        assert page.get_by_role("heading", name=LIVE_TITLE).count() == 1
        # The local stylesheet is served and applied (no CDN, no inline styles).
        skip_link = "getComputedStyle(document.querySelector('.szpon-skip')).position"
        assert page.evaluate(skip_link) == "absolute"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "szpon-skip"
    finally:
        context.close()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_course_page_with_the_service_down_is_accessible(browser, live_server, settings, language):
    meetings_set_enabled(course_id=COURSE_ID, enabled=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    point_plugin_at(settings, f"http://127.0.0.1:{port}")
    context, page = _open_as(browser, live_server.url, language, UserFactory())
    try:
        _check(page, live_server.url + reverse("szpon:course_meetings", args=[COURSE_ID]), language)
        assert page.locator("[role=alert]").count() == 2
    finally:
        context.close()
