"""The join page in Chromium: the IFrame API gets the room, the token for the role and the
language; it is accessible; and it says clearly when the video server cannot be reached."""

from datetime import timedelta

import jwt
import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from collab_service.meetings.models import Participant
from collab_service.meetings.services.invitations import personal_token
from tests.collab_service.pages.test_pages_accessible import _open_as
from tests.factories import MeetingFactory, ParticipantFactory
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _claims(token: str) -> dict:
    return jwt.decode(
        token,
        django_settings.JITSI["app_secret"],
        algorithms=["HS256"],
        audience=django_settings.JITSI["audience"],
    )


def _recorded(page) -> dict:
    page.wait_for_function("window.jitsiStandIn !== undefined")
    return page.evaluate("window.jitsiStandIn")


@pytest.mark.parametrize("language", ["pl", "en"])
def test_organiser_joins_as_owner_in_their_language(browser, live_server, jitsi_web, language):
    meeting = MeetingFactory(start=timezone.now(), title="Narada zespołu")
    organiser = meeting.participants.get(role=Participant.Role.ORGANISER)
    context, page = _open_as(browser, live_server.url, language, user=meeting.organiser)
    try:
        response = page.goto(f"{live_server.url}/meetings/{meeting.pk}/join/")

        assert response.status == 200
        recorded = _recorded(page)
        assert recorded["domain"] == f"127.0.0.1:{jitsi_web.port}"
        assert recorded["parentId"] == "jitsi-embed"
        options = recorded["options"]
        assert options["roomName"] == meeting.room_name
        assert options["lang"] == language
        assert options["userInfo"]["displayName"] == organiser.name
        claims = _claims(options["jwt"])
        assert claims["context"]["user"]["id"] == str(organiser.pk)
        assert claims["context"]["user"]["affiliation"] == "owner"
        assert page.locator("#jitsi-embed iframe").get_attribute("title").endswith("Narada zespołu")
        joined = "Jesteś na spotkaniu." if language == "pl" else "You are in the meeting."
        page.wait_for_function(
            "text => document.getElementById('join-status').textContent === text", arg=joined
        )
        assert "no-store" in response.headers["cache-control"]
        assert f"http://127.0.0.1:{jitsi_web.port}" in response.headers["content-security-policy"]
        assert axe_violations(page) == []
    finally:
        context.close()


def test_guest_joins_from_the_personal_link_as_member(browser, live_server, jitsi_web):
    meeting = MeetingFactory(start=timezone.now() + timedelta(minutes=5))
    guest = ParticipantFactory(meeting=meeting, name="Ewa Gość", email="ewa@example.org")
    context, page = _open_as(browser, live_server.url, "pl")
    try:
        page.goto(f"{live_server.url}/meetings/join/{personal_token(guest)}/")

        options = _recorded(page)["options"]
        assert options["userInfo"] == {"displayName": "Ewa Gość", "email": "ewa@example.org"}
        claims = _claims(options["jwt"])
        assert claims["context"]["user"]["affiliation"] == "member"
        assert claims["context"]["user"]["id"] == str(guest.pk)
        assert claims["context"]["features"]["recording"] is False
        for _press in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "direct-link":
                break
        assert page.evaluate("document.activeElement.id") == "direct-link"
        assert (
            page.locator("#direct-link")
            .get_attribute("href")
            .startswith(f"https://127.0.0.1:{jitsi_web.port}/{meeting.room_name}?jwt=")
        )
    finally:
        context.close()


def test_unreachable_video_server_is_explained(browser, live_server, jitsi_web):
    meeting = MeetingFactory(start=timezone.now())
    jitsi_web.stop()
    context, page = _open_as(browser, live_server.url, "en", user=meeting.organiser)
    try:
        page.goto(f"{live_server.url}/meetings/{meeting.pk}/join/")

        status = page.locator("#join-status")
        assert "video server cannot be reached" in status.text_content()
        assert page.locator("#direct-link").is_visible()
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("case", "heading"),
    [
        ("early", "The meeting has not started yet"),
        ("ended", "The meeting has ended"),
        ("invalid", "This link does not work"),
        ("withdrawn", "This link does not work"),
    ],
)
def test_refusals_are_clear_and_accessible(browser, live_server, jitsi_web, case, heading):
    now = timezone.now()
    starts = {"early": now + timedelta(days=1), "ended": now - timedelta(days=1)}
    meeting = MeetingFactory(
        start=starts.get(case, now), end=starts.get(case, now) + timedelta(hours=1)
    )
    guest = ParticipantFactory(meeting=meeting)
    token = personal_token(guest)
    if case == "withdrawn":
        guest.revoked_at = now
        guest.save()
    if case == "invalid":
        token = token[:-3] + "abc"
    context, page = _open_as(browser, live_server.url, "en")
    try:
        response = page.goto(f"{live_server.url}/meetings/join/{token}/")

        assert response.status == 403
        assert page.locator("h1").text_content() == heading
        assert page.locator("[role=alert]").count() == 1
        assert page.evaluate("window.jitsiStandIn") is None
        assert axe_violations(page) == []
    finally:
        context.close()
