"""The course meetings page in Chromium passes axe-core (WCAG 2.1 A/AA), in Polish and English,
with data and with the service down."""

import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from edx_plugins.szpon.course_app import meetings_set_enabled
from tests.edx_plugins.conftest import COURSE_ID, point_plugin_at
from tests.edx_plugins.test_course_meetings_page import CONSULTATIONS, MEETINGS
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
def test_course_page_with_data_is_accessible(browser, live_server, standin, settings, language):
    meetings_set_enabled(course_id=COURSE_ID, enabled=True)
    point_plugin_at(settings, standin.url)
    standin.answer((200, MEETINGS), (200, CONSULTATIONS))
    context, page = _open_as(browser, live_server.url, language, UserFactory())
    try:
        _check(page, live_server.url + reverse("szpon:course_meetings", args=[COURSE_ID]), language)
        assert page.locator("li.szpon-item").count() == 3
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
