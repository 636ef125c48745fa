"""Joining, starting, inviting and completing, through the block's handlers and the service."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import translation

from collab_service.courses.models import CourseMeeting
from collab_service.meetings.models import AttendanceSession, Participant
from tests.infra.jitsi_settings import room_claims
from tests.xblocks.runtime import ANONYMOUS, LEARNER, STAFF, call, lms_user, seen_by
from tests.xblocks.test_meeting_studio import in_warsaw
from tests.xblocks.test_meeting_views import HOST, meeting, render

OTHER_LEARNER = lms_user(4204, "olek.kursant", name="Olek Kursant")


@pytest.fixture
def live(service, academy):
    """A meeting under way for ten minutes, saved by the course staff."""
    block = meeting(
        STAFF, start=in_warsaw(datetime.now(UTC) - timedelta(minutes=10)), completion_minutes=20
    )
    render(block)
    return block


def english(block, handler, body=None, **kwargs):
    with translation.override("en"):
        return call(block, handler, body, **kwargs)


@pytest.mark.parametrize(
    ("user", "role", "affiliation"),
    [(LEARNER, "member", "member"), (STAFF, "moderator", "owner"), (HOST, "moderator", "owner")],
    ids=["learner", "course-staff", "designated-host"],
)
def test_join_gives_each_person_the_role_the_course_gives_them(
    live, service, user, role, affiliation
):
    block = seen_by(live, user)
    status, body = english(block, "join")

    assert status == 200, body
    assert body["role"] == role
    assert body["join_url"].startswith(f"{service}/courses/join/")
    assert "token" not in body  # the room token stays with the service's join page
    assert body["message"] == "The meeting is open below."
    # The room token the service issues this person (to their join page) carries the role.
    with block._client(block.viewer()) as client:
        ticket = client.meeting_join(client.meeting_by_block(block.usage_key()).id).ticket
    assert room_claims(ticket.token)["context"]["user"]["affiliation"] == affiliation


def test_joining_before_the_meeting_opens_is_refused_with_the_reason(service, academy):
    block = meeting(STAFF, start=in_warsaw(datetime.now(UTC) + timedelta(days=1)))
    render(block)

    status, body = english(seen_by(block, LEARNER), "join")

    assert status == 409
    assert body == {
        "message": "The meeting is not open yet. You can join shortly before it starts.",
        "code": "meeting_not_open",
    }


def test_anonymous_cannot_use_the_handlers(live):
    status, body = english(seen_by(live, ANONYMOUS), "join")

    assert status == 403
    assert body["code"] == "anonymous"


def test_join_when_the_service_is_down_is_a_friendly_503(live, settings, service_down):
    status, body = english(seen_by(live, LEARNER), "join")

    assert status == 503
    assert body["code"] == "service_unavailable"
    assert "not available right now" in body["message"]


def test_host_starts_an_on_demand_meeting_and_learners_can_join_then(service, academy):
    block = meeting(STAFF, schedule="on_demand", start="")
    render(block)
    learner = seen_by(block, LEARNER)
    refused_status, refused = english(learner, "join")

    status, body = english(seen_by(block, HOST), "start_meeting")
    joined_status, joined = english(learner, "join")

    assert refused_status == 409
    assert refused["message"] == "The meeting has not started yet: a host starts it."
    assert status == 200, body
    assert body == {"state": "live", "message": "The meeting has started."}
    assert joined_status == 200
    assert joined["role"] == "member"


def test_learners_cannot_start_a_meeting(service, academy):
    block = meeting(STAFF, schedule="on_demand", start="")
    render(block)

    status, body = english(seen_by(block, LEARNER), "start_meeting")

    assert status == 403
    assert body["message"] == "Only the meeting's hosts and the course staff can do this."
    assert CourseMeeting.objects.get().started_at is None


def test_host_invites_colleagues_and_outsiders(live):
    mail.outbox.clear()
    status, body = english(
        seen_by(live, HOST),
        "invite",
        {"usernames": "", "emails": "anna@example.org,\nbartek@example.org; anna@example.org"},
    )

    assert status == 200, body
    assert body == {"invited": 2, "message": "2 invitations sent."}
    guests = Participant.objects.filter(
        meeting=CourseMeeting.objects.get().meeting,
        email__in=["anna@example.org", "bartek@example.org"],
    )
    assert guests.count() == 2
    assert {m.to[0] for m in mail.outbox} >= {"anna@example.org", "bartek@example.org"}


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"emails": "anna@", "usernames": ""}, "emails", "not valid e-mail addresses: anna@"),
        ({"usernames": "ok.name, zła nazwa!"}, "usernames", "not valid usernames: nazwa!"),
        ({"usernames": "", "emails": ""}, "usernames", "at least one username or e-mail"),
        ({"emails": 12}, "emails", "Separate the entries with commas or new lines."),
        ({"emails": ", ".join(f"p{n}@example.org" for n in range(51))}, "emails", "at most 50"),
    ],
)
def test_invitations_are_checked_before_anything_is_sent(live, body, field, message):
    mail.outbox.clear()
    status, answer = english(seen_by(live, HOST), "invite", body)

    assert status == 400
    assert message in answer["errors"][field]
    assert mail.outbox == []


def test_learners_cannot_invite(live):
    status, body = english(seen_by(live, LEARNER), "invite", {"emails": "a@example.org"})

    assert status == 403
    assert body["message"] == "Only the meeting's hosts and the course staff can do this."


def _attended(block, user, minutes: int) -> None:
    """The learner joins through the block, and the room reports a stay of ``minutes``."""
    status, _body = english(seen_by(block, user), "join")
    assert status == 200
    course_meeting = CourseMeeting.objects.get(block_id=str(block.scope_ids.usage_id))
    participant = course_meeting.meeting.participants.get(name=user.full_name)
    joined = course_meeting.meeting.start + timedelta(minutes=1)
    AttendanceSession.objects.create(
        meeting=course_meeting.meeting,
        participant=participant,
        occupant_jid=f"{participant.pk}@meet.jitsi/web",
        joined_at=joined,
        left_at=joined + timedelta(minutes=minutes),
    )


def test_attendance_long_enough_completes_the_unit_once(live):
    learner = seen_by(live, LEARNER)
    _attended(live, LEARNER, 25)

    status, body = english(learner, "check_attendance")
    _status, again = english(learner, "check_attendance")

    assert status == 200, body
    assert body == {
        "completed": True,
        "attended_minutes": 25,
        "message": "You attended this meeting: the unit is complete.",
    }
    assert again["completed"] is True
    assert learner.runtime.events == [("completion", {"completion": 1.0})]
    assert learner.completed is True


def test_short_attendance_does_not_complete(live):
    learner = seen_by(live, OTHER_LEARNER)
    _attended(live, OTHER_LEARNER, 5)

    status, body = english(learner, "check_attendance")

    assert status == 200
    assert body == {"completed": False, "attended_minutes": 5, "message": ""}
    assert learner.runtime.events == []


def test_course_staff_are_not_completed(live):
    staff = seen_by(live, STAFF)

    status, body = english(staff, "check_attendance")

    assert status == 200
    assert body["completed"] is False
    assert staff.runtime.events == []


def test_joining_completes_when_no_minutes_are_asked(service, academy):
    block = meeting(
        STAFF, start=in_warsaw(datetime.now(UTC) - timedelta(minutes=5)), completion_minutes=0
    )
    render(block)
    learner = seen_by(block, LEARNER)

    status, _body = english(learner, "join")

    assert status == 200
    assert learner.runtime.events == [("completion", {"completion": 1.0})]


def test_no_minutes_asked_still_needs_the_learner_to_have_joined(service, academy):
    block = meeting(
        STAFF, start=in_warsaw(datetime.now(UTC) - timedelta(minutes=5)), completion_minutes=0
    )
    render(block)
    learner = seen_by(block, LEARNER)

    status, body = english(learner, "check_attendance")

    assert status == 200
    assert body["completed"] is False
    assert learner.runtime.events == []
