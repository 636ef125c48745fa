"""Video visits get a meeting: the official as moderator, the citizen as guest, the join link
in the citizen's e-mails and manage page; the meeting follows the booking."""

import re
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from django.conf import settings as django_settings
from django.core import mail
from icalendar import Calendar

from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.manage import booking_cancel, manage_token
from collab_service.appointments.services.reschedule import booking_reschedule
from collab_service.meetings.booking_video import booking_meeting
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.invitations import participant_from_token
from collab_service.meetings.services.joining import meeting_token_issue
from tests.collab_service.appointments.conftest import MONDAY_MORNING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def video_visit(office, django_capture_on_commit_callbacks):
    office.case_type.mode = "video"
    office.case_type.save()
    booking, _ = booking_hold(
        case_type=office.case_type,
        start=TEN,
        agenda=office.agendas[0],
        citizen_name="Ola Nowak",
        citizen_email="ola@example.org",
        now=MONDAY_MORNING,
    )
    with django_capture_on_commit_callbacks(execute=True):
        return booking_confirm(booking=booking)


def _join_token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def test_confirming_a_video_visit_makes_its_meeting(video_visit, office):
    meeting = booking_meeting(video_visit)

    assert (meeting.start, meeting.end) == (video_visit.start, video_visit.end)
    assert meeting.organiser == office.agendas[0].official
    roles = {p.role: p for p in meeting.participants.all()}
    assert set(roles) == {Participant.Role.ORGANISER, Participant.Role.GUEST}
    assert roles[Participant.Role.GUEST].email == "ola@example.org"
    assert roles[Participant.Role.ORGANISER].is_moderator
    assert not roles[Participant.Role.GUEST].is_moderator


def test_confirmation_email_carries_the_join_link_as_text_and_conference(video_visit):
    message = mail.outbox[-1]
    meeting = booking_meeting(video_visit)
    guest = meeting.participants.get(role=Participant.Role.GUEST)
    ics = next(a for a in message.attachments if isinstance(a, tuple))[1]
    calendar = Calendar.from_ical(ics)
    event = next(iter(calendar.walk("VEVENT")))
    link = str(event["CONFERENCE"])

    assert message.to == ["ola@example.org"]
    assert link in message.body
    assert participant_from_token(_join_token(link)) == guest
    assert str(event["URL"]) == link


def test_the_citizens_link_gives_a_member_token_at_the_time_of_the_visit(video_visit):
    meeting = booking_meeting(video_visit)
    guest = meeting.participants.get(role=Participant.Role.GUEST)
    official = meeting.participants.get(role=Participant.Role.ORGANISER)

    guest_claims = jwt.decode(
        meeting_token_issue(participant=guest, now=TEN).token,
        django_settings.JITSI["app_secret"],
        algorithms=["HS256"],
        audience=django_settings.JITSI["audience"],
        options={"verify_exp": False, "verify_nbf": False},
    )
    official_ticket = meeting_token_issue(participant=official, now=TEN)

    assert guest_claims["context"]["user"]["affiliation"] == "member"
    assert guest_claims["context"]["user"]["name"] == "Ola Nowak"
    assert official_ticket.moderator is True


def test_manage_page_and_api_show_the_join_link(video_visit, client, api):
    token = manage_token(video_visit)
    meeting = booking_meeting(video_visit)
    guest = meeting.participants.get(role=Participant.Role.GUEST)

    page = client.get(f"/visits/manage/{token}/").content.decode()
    data = api.get(f"/api/v1/public/bookings/manage/{token}/").json()

    # Signed links carry the second they were made: the page and the API may differ in it.
    (page_url,) = set(re.findall(r"http://testserver/meetings/join/[^/\"]+/", page))
    assert participant_from_token(_join_token(data["join_url"])) == guest
    assert participant_from_token(_join_token(page_url)) == guest
    client.cookies["collab_language"] = "en"
    joined = client.get(data["join_url"].removeprefix("http://testserver"))
    assert joined.status_code == 403  # three hours early: the page says when it opens
    assert "You can join from" in joined.content.decode()


def test_the_meeting_moves_and_is_cancelled_with_its_visit(video_visit, office):
    moved = booking_reschedule(booking=video_visit, start=TEN + timedelta(hours=1))
    meeting = booking_meeting(moved)
    assert (meeting.start, meeting.end) == (moved.start, moved.end)
    assert meeting.organiser == moved.agenda.official

    booking_cancel(booking=moved, reason="")

    assert booking_meeting(moved).status == Meeting.Status.CANCELLED
    assert Meeting.objects.count() == 1


def test_the_official_joins_from_the_desk(video_visit, office, client):
    client.force_login(office.agendas[0].official)

    desk = client.get("/desk/?day=2026-06-01").content.decode()
    response = client.get(f"/meetings/visit/{video_visit.pk}/")

    assert f'href="/meetings/visit/{video_visit.pk}/"' in desk
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{booking_meeting(video_visit).pk}/join/"
    client.force_login(office.agendas[1].official)
    assert client.get(f"/meetings/visit/{video_visit.pk}/").status_code == 404


def test_a_video_visit_called_off_unconfirmed_gets_no_meeting(office):
    office.case_type.mode = "video"
    office.case_type.save()
    held, _ = booking_hold(
        case_type=office.case_type,
        start=TEN,
        agenda=office.agendas[0],
        citizen_name="Ola Nowak",
        citizen_email="ola@example.org",
        now=MONDAY_MORNING,
    )

    booking_cancel(booking=held, reason="")

    assert not Meeting.objects.exists()
