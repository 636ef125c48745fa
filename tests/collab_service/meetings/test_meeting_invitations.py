"""Scheduling a meeting e-mails each invitee a personal link and an iTIP invitation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from collab_service.meetings.errors import MeetingError
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.meetings import (
    Guest,
    meeting_cancel,
    meeting_create,
    meeting_update,
    participant_revoke,
    participants_invite,
)
from collab_service.notifications.models import OutgoingEmail
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _event(message) -> tuple[str, object]:
    """The iTIP method and the VEVENT of an e-mail's text/calendar part."""
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    calendar = Calendar.from_ical(part.get_content())
    return str(calendar["METHOD"]), next(iter(calendar.walk("VEVENT")))


@pytest.fixture
def scheduled(tenant_a, smtp_server, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_create(
            organiser=tenant_a.manager,
            institution=tenant_a.institution,
            unit=tenant_a.unit,
            title="Narada budżetowa",
            description="Plan na 2027",
            start=start,
            end=start + timedelta(hours=1),
            colleagues=[tenant_a.official],
            guests=[Guest(name="Ewa Zewnętrzna", email="ewa@example.org")],
            language="en",
        )
    return meeting


def test_each_invitee_gets_a_personal_link_and_an_ics_request(scheduled, smtp_server, tenant_a):
    received = {message["To"]: message for message in smtp_server.messages}

    assert set(received) == {tenant_a.official.email, "ewa@example.org"}
    guest = scheduled.participants.get(email="ewa@example.org")
    method, event = _event(received["ewa@example.org"])
    assert method == "REQUEST"
    assert str(event["UID"]) == f"meeting-{scheduled.pk}@szpon"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == scheduled.start
    link = str(event["URL"])
    assert link.startswith("http://testserver/meetings/join/")
    assert str(event["CONFERENCE"]) == link
    assert event["CONFERENCE"].params["VALUE"] == "URI"
    assert "VIDEO" in event["CONFERENCE"].params["FEATURE"]
    attendees = event["ATTENDEE"]
    assert str(attendees) == "mailto:ewa@example.org"
    assert link in received["ewa@example.org"].get_body(("plain",)).get_content()
    colleague_link = str(_event(received[tenant_a.official.email])[1]["URL"])
    assert colleague_link != link
    assert received["ewa@example.org"]["Subject"] == "Invitation: Narada budżetowa"
    assert guest.invited_at is not None
    assert scheduled.participants.get(role="organiser").user == tenant_a.manager


def test_changing_the_time_sends_the_same_uid_with_a_higher_sequence(
    scheduled, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            meeting=scheduled,
            title=scheduled.title,
            description=scheduled.description,
            start=scheduled.start + timedelta(hours=2),
            end=scheduled.end + timedelta(hours=2),
            lobby_enabled=True,
            recording_allowed=False,
        )

    assert len(smtp_server.messages) == 2
    method, event = _event(smtp_server.messages[0])
    assert (method, event["SEQUENCE"]) == ("REQUEST", 1)
    assert str(event["UID"]) == f"meeting-{scheduled.pk}@szpon"
    assert event.decoded("DTSTART") == scheduled.start + timedelta(hours=2)


def test_only_a_lobby_change_sends_nothing(scheduled, smtp_server):
    smtp_server.messages.clear()
    meeting_update(
        meeting=scheduled,
        title=scheduled.title,
        description=scheduled.description,
        start=scheduled.start,
        end=scheduled.end,
        lobby_enabled=True,
        recording_allowed=True,
    )

    scheduled.refresh_from_db()
    assert (scheduled.sequence, scheduled.lobby_enabled) == (0, True)
    assert OutgoingEmail.objects.filter(subject__startswith="Changed").count() == 0


def test_an_update_that_changes_nothing_writes_nothing(scheduled):
    saved_at = scheduled.updated_at

    meeting_update(
        meeting=scheduled,
        title=f" {scheduled.title} ",
        description=scheduled.description,
        start=scheduled.start,
        end=scheduled.end,
        lobby_enabled=scheduled.lobby_enabled,
        recording_allowed=scheduled.recording_allowed,
        unit=scheduled.unit,
    )

    scheduled.refresh_from_db()
    assert (scheduled.updated_at, scheduled.sequence) == (saved_at, 0)


def test_update_changes_the_language_only_when_given(scheduled):
    def update(**language) -> Meeting:
        return meeting_update(
            meeting=scheduled,
            title=scheduled.title,
            description=scheduled.description,
            start=scheduled.start,
            end=scheduled.end,
            lobby_enabled=scheduled.lobby_enabled,
            recording_allowed=scheduled.recording_allowed,
            unit=scheduled.unit,
            **language,
        )

    assert update().language == "en"
    assert update(language="pl").language == "pl"
    scheduled.refresh_from_db()
    assert (scheduled.language, scheduled.sequence) == ("pl", 0)


def test_cancelling_mails_a_cancel_with_the_next_sequence(
    scheduled, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=scheduled)
        meeting_cancel(meeting=scheduled)

    assert len(smtp_server.messages) == 2
    method, event = _event(smtp_server.messages[0])
    assert (method, event["SEQUENCE"], str(event["STATUS"])) == ("CANCEL", 1, "CANCELLED")
    assert Meeting.objects.get(pk=scheduled.pk).status == Meeting.Status.CANCELLED


def test_withdrawing_a_guest_cancels_for_them_only(
    scheduled, smtp_server, django_capture_on_commit_callbacks
):
    guest = scheduled.participants.get(email="ewa@example.org")
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        participant_revoke(participant=guest)

    assert [m["To"] for m in smtp_server.messages] == ["ewa@example.org"]
    assert _event(smtp_server.messages[0])[0] == "CANCEL"
    guest.refresh_from_db()
    assert guest.revoked_at is not None
    assert guest.link_version == 2


def test_inviting_again_skips_people_already_invited(scheduled, tenant_a):
    newcomer = MembershipFactory(unit=tenant_a.other_unit).user

    added = participants_invite(
        meeting=scheduled,
        colleagues=[tenant_a.official, newcomer],
        guests=[Guest(name="", email="EWA@example.org"), Guest(name="", email="ola@example.org")],
    )

    assert {p.email for p in added} == {newcomer.email, "ola@example.org"}
    assert scheduled.participants.get(email="ola@example.org").name == "ola"


def test_colleagues_from_another_institution_are_refused(tenant_a, tenant_b):
    start = timezone.now() + timedelta(hours=1)
    with pytest.raises(MeetingError, match="Only people of your institution"):
        meeting_create(
            organiser=tenant_a.official,
            institution=tenant_a.institution,
            title="Narada",
            start=start,
            end=start + timedelta(hours=1),
            colleagues=[tenant_b.official],
        )
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("start_offset", "length", "message"),
    [
        (timedelta(hours=1), timedelta(0), "must end after it starts"),
        (timedelta(hours=1), timedelta(hours=13), "at most 12 hours"),
        (timedelta(hours=-3), timedelta(hours=1), "already passed"),
        (timedelta(days=4 * 366), timedelta(hours=1), "three years ahead"),
    ],
)
def test_impossible_times_are_refused(tenant_a, start_offset, length, message):
    start = timezone.now() + start_offset
    with pytest.raises(MeetingError, match=message):
        meeting_create(
            organiser=tenant_a.official,
            institution=tenant_a.institution,
            title="Narada",
            start=start,
            end=start + length,
        )


def test_start_now_lasts_the_configured_time(tenant_a, settings):
    settings.MEETINGS_START_NOW_MINUTES = 45
    now = timezone.now()

    meeting = meeting_create(
        organiser=tenant_a.official,
        institution=tenant_a.institution,
        title="Szybka rozmowa",
        start=None,
        end=None,
        now=now,
    )

    start = now.replace(microsecond=0)
    assert (meeting.start, meeting.end) == (start, start + timedelta(minutes=45))
    assert meeting.participants.get().role == Participant.Role.ORGANISER
