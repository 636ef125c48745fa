"""Chromium on an LMS-like page framing the course join page: allowed origins get the meeting,
any other origin gets nothing; the page passes axe."""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.infra.background_server import BackgroundServer
from tests.infra.browser import axe_violations
from tests.infra.jitsi_settings import room_claims

from .conftest import LEARNER, lms_client, starting_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _UnitPage:
    """Plays the LMS: one page holding the join page in an iframe, as the meeting block does."""

    def __init__(self) -> None:
        self.frame_src = ""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = (
                    "<!DOCTYPE html><html lang='en'><head><title>Unit</title></head><body>"
                    f"<iframe id='meeting' title='Meeting' src='{owner.frame_src}'"
                    " allow='camera; microphone; display-capture'></iframe></body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self._background = BackgroundServer(ThreadingHTTPServer(("127.0.0.1", 0), Handler))
        self.origin = self._background.url
        self._background.start()

    def stop(self) -> None:
        self._background.stop()


@pytest.fixture
def unit_page():
    page = _UnitPage()
    yield page
    page.stop()


def _join_url(live_server) -> str:
    meeting_id = starting_now()["id"]
    response = lms_client(LEARNER).post(f"/api/v1/course-meetings/{meeting_id}/join/")
    return response.json()["join_url"].replace("http://testserver", live_server.url)


def test_lms_page_frames_the_join_page(
    browser, live_server, jitsi_web, unit_page, academy, settings
):
    settings.FRAME_ANCESTORS = [unit_page.origin]
    unit_page.frame_src = _join_url(live_server)
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{unit_page.origin}/unit")

        frame = page.frame_locator("#meeting")
        frame.locator("#jitsi-embed").wait_for()
        inner = next(f for f in page.frames if "/courses/join/" in f.url)
        inner.wait_for_function("window.jitsiStandIn !== undefined")
        options = inner.evaluate("window.jitsiStandIn.options")
        assert options["userInfo"]["displayName"] == LEARNER.name
        assert room_claims(options["jwt"])["context"]["user"]["affiliation"] == "member"
    finally:
        context.close()


def test_other_origins_cannot_frame_the_join_page(
    browser, live_server, jitsi_web, unit_page, academy, settings
):
    settings.FRAME_ANCESTORS = ["https://lms.elsewhere.example"]
    unit_page.frame_src = _join_url(live_server)
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text))
        page.goto(f"{unit_page.origin}/unit")
        page.wait_for_timeout(1000)

        assert page.frame_locator("#meeting").locator("#jitsi-embed").count() == 0
        assert any("frame-ancestors" in text for text in refused), refused
    finally:
        context.close()


def test_join_page_is_accessible(browser, live_server, jitsi_web, academy, settings):
    url = _join_url(live_server)
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        response = page.goto(url)

        assert response.status == 200
        page.wait_for_function("window.jitsiStandIn !== undefined")
        assert axe_violations(page) == []
    finally:
        context.close()
