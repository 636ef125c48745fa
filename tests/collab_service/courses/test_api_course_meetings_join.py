"""Starting, joining and inviting from the course: roles in the room token follow the course."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from collab_service.meetings.models import AttendanceSession, Meeting, Participant
from collab_service.meetings.services.meetings import meeting_cancel
from collab_service.notifications.models import OutgoingEmail
from tests.infra.jitsi_settings import room_claims

from .conftest import (
    BLOCK,
    COURSE,
    HOST,
    LEARNER,
    OTHER_COURSE,
    OTHER_LEARNER,
    STAFF,
    lms_client,
    starting_now,
    sync,
)

pytestmark = pytest.mark.django_db


def _join(client, course_meeting_id: int):
    return client.post(f"/api/v1/course-meetings/{course_meeting_id}/join/")


def _start(client, course_meeting_id: int):
    return client.post(f"/api/v1/course-meetings/{course_meeting_id}/start/")


@pytest.mark.parametrize(
    ("person", "role", "expected"),
    [
        (STAFF, "staff", "moderator"),
        (HOST, "learner", "moderator"),
        (LEARNER, "learner", "member"),
    ],
    ids=["course-staff", "designated-host", "learner"],
)
def test_join_gives_the_course_role_in_the_room_token(academy, person, role, expected):
    meeting_id = starting_now()["id"]

    response = _join(lms_client(person, role), meeting_id)

    assert response.status_code == 200
    body = response.json()
    assert body["role"] == expected
    ticket = body["ticket"]
    assert ticket["moderator"] is (expected == "moderator")
    assert ticket["display_name"] == person.name
    assert ticket["domain"] == "meet.example.gov.pl"
    meeting = Meeting.objects.get()
    assert ticket["room"] == meeting.room_name
    claims = room_claims(ticket["token"])
    assert claims["room"] == meeting.room_name
    user = claims["context"]["user"]
    assert user["affiliation"] == ("owner" if expected == "moderator" else "member")
    assert user["moderator"] == ("true" if expected == "moderator" else "false")
    participant = Participant.objects.get(pk=user["id"])
    assert participant.user.lms_user_id == person.user_id
    assert body["join_url"].startswith("http://testserver/courses/join/")
    assert "email" not in ticket


def test_organiser_joins_as_organiser_and_learner_row_is_made_once(academy):
    meeting_id = starting_now()["id"]

    assert _join(lms_client(STAFF, "staff"), meeting_id).json()["role"] == "moderator"
    _join(lms_client(LEARNER), meeting_id)
    _join(lms_client(LEARNER), meeting_id)

    meeting = Meeting.objects.get()
    roles = dict(meeting.participants.values_list("user__lms_user_id", "role"))
    assert roles == {STAFF.user_id: "organiser", LEARNER.user_id: "member"}


def test_host_removed_from_the_block_joins_as_member_again(academy):
    meeting_id = starting_now()["id"]
    assert _join(lms_client(HOST), meeting_id).json()["role"] == "moderator"

    starting_now(hosts=[])
    response = _join(lms_client(HOST), meeting_id)

    assert response.json()["role"] == "member"
    participant = Participant.objects.get(user__lms_user_id=HOST.user_id)
    assert participant.role == Participant.Role.MEMBER


def test_withdrawn_learner_is_refused(academy):
    meeting_id = starting_now()["id"]
    _join(lms_client(LEARNER), meeting_id)
    Participant.objects.filter(user__lms_user_id=LEARNER.user_id).update(revoked_at=timezone.now())

    response = _join(lms_client(LEARNER), meeting_id)

    assert response.status_code == 403
    assert response.json()["code"] == "join_refused"


def test_join_before_the_window_is_409_not_open(academy, settings):
    settings.MEETINGS_JOIN_EARLY_MINUTES = 15
    meeting_id = sync()["id"]  # tomorrow

    response = _join(lms_client(LEARNER), meeting_id)

    assert response.status_code == 409
    assert response.json()["code"] == "meeting_not_open"
    assert "has not started yet" in response.json()["message"]


def test_join_after_the_window_is_409_ended(academy, settings):
    settings.MEETINGS_JOIN_LATE_MINUTES = 30
    meeting_id = starting_now(duration_minutes=5)["id"]
    Meeting.objects.update(
        start=timezone.now() - timedelta(hours=2), end=timezone.now() - timedelta(minutes=31)
    )

    response = _join(lms_client(LEARNER), meeting_id)

    assert response.status_code == 409
    assert response.json()["code"] == "meeting_ended"


def test_cancelled_meeting_is_409_and_resync_does_not_fail(academy):
    meeting_id = starting_now()["id"]
    meeting_cancel(meeting=Meeting.objects.get())

    response = _join(lms_client(LEARNER), meeting_id)
    answer = starting_now()

    assert response.status_code == 409
    assert response.json()["code"] == "meeting_cancelled"
    assert answer["state"] == "cancelled"


def test_on_demand_meeting_opens_when_a_host_starts_it(academy):
    meeting_id = sync(schedule="on_demand", start=None, duration_minutes=45)["id"]
    learner = lms_client(LEARNER)

    refused = _join(learner, meeting_id)
    not_host = _start(learner, meeting_id)
    started = _start(lms_client(HOST), meeting_id)
    joined = _join(learner, meeting_id)

    assert refused.status_code == 409
    assert refused.json()["code"] == "meeting_not_started"
    assert not_host.status_code == 403
    assert started.status_code == 200
    assert started.json()["state"] == "live"
    meeting = Meeting.objects.get()
    assert meeting.end - meeting.start == timedelta(minutes=45)
    assert abs(meeting.start - timezone.now()) < timedelta(seconds=5)
    assert joined.status_code == 200
    assert joined.json()["role"] == "member"


def test_starting_an_open_meeting_again_changes_nothing(academy):
    meeting_id = sync(schedule="on_demand", start=None)["id"]
    first = _start(lms_client(STAFF, "staff"), meeting_id).json()
    sequence = Meeting.objects.get().sequence

    again = _start(lms_client(HOST), meeting_id).json()

    assert (again["start"], again["end"]) == (first["start"], first["end"])
    assert Meeting.objects.get().sequence == sequence


def test_ended_on_demand_meeting_can_be_started_again(academy):
    meeting_id = sync(schedule="on_demand", start=None)["id"]
    _start(lms_client(HOST), meeting_id)
    Meeting.objects.update(
        start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=2)
    )
    assert (
        lms_client(LEARNER)
        .get("/api/v1/course-meetings/by-block/", {"block_id": BLOCK})
        .json()["state"]
        == "ended"
    )

    response = _start(lms_client(HOST), meeting_id)

    assert response.json()["state"] == "live"


def test_starting_a_scheduled_meeting_only_checks_it_is_open(academy):
    tomorrow = sync()["id"]
    today = "block-v1:SZPON+K101+2026+type@szpon_meeting+block@today"
    now_id = starting_now(block_id=today)["id"]

    early = _start(lms_client(STAFF, "staff"), tomorrow)
    open_now = _start(lms_client(STAFF, "staff"), now_id)

    assert early.status_code == 409
    assert early.json()["code"] == "meeting_not_open"
    assert open_now.status_code == 200
    assert open_now.json()["state"] == "live"


def test_meeting_of_another_course_cannot_be_joined_or_started(academy):
    meeting_id = starting_now()["id"]
    outsider = lms_client(STAFF, "staff", course=OTHER_COURSE)

    assert _join(outsider, meeting_id).status_code == 403
    assert _start(outsider, meeting_id).status_code == 403
    assert _join(lms_client(LEARNER), 999_999).status_code == 404


def test_host_invites_by_email_and_username(academy, django_capture_on_commit_callbacks):
    meeting_id = starting_now()["id"]
    _join(lms_client(OTHER_LEARNER), meeting_id)  # the service knows them from now on

    with django_capture_on_commit_callbacks(execute=True):
        response = lms_client(HOST).post(
            f"/api/v1/course-meetings/{meeting_id}/invite/",
            {"emails": ["ewa@example.org"], "usernames": [OTHER_LEARNER.username]},
            format="json",
        )

    assert response.status_code == 200
    assert response.json() == {"invited": 2}
    sent = {tuple(e.to) for e in OutgoingEmail.objects.all()}
    assert sent == {("ewa@example.org",), (OTHER_LEARNER.email,)}
    again = lms_client(HOST).post(
        f"/api/v1/course-meetings/{meeting_id}/invite/",
        {"emails": ["ewa@example.org"]},
        format="json",
    )
    assert again.json() == {"invited": 0}


def test_institution_colleague_is_invited_as_colleague(academy):
    meeting_id = starting_now()["id"]
    academy.official.lms_user_id = 5555
    academy.official.save()

    response = lms_client(STAFF, "staff").post(
        f"/api/v1/course-meetings/{meeting_id}/invite/",
        {"usernames": [academy.official.username]},
        format="json",
    )

    assert response.json() == {"invited": 1}
    participant = Participant.objects.get(user=academy.official)
    assert participant.role == Participant.Role.MEMBER


@pytest.mark.parametrize(
    ("body", "status", "text"),
    [
        ({}, 400, "at least one"),
        ({"emails": ["not-an-address"]}, 400, "emails"),
        ({"usernames": ["nobody-here"]}, 400, "nobody-here"),
        ({"emails": "a@example.org"}, 400, "emails"),
    ],
)
def test_bad_invitations_are_400(academy, body, status, text):
    meeting_id = starting_now()["id"]

    response = lms_client(HOST).post(
        f"/api/v1/course-meetings/{meeting_id}/invite/", body, format="json"
    )

    assert response.status_code == status
    assert text in str(response.json())


def test_learners_cannot_invite_and_unstarted_meetings_take_no_invitations(academy):
    on_demand = sync(schedule="on_demand", start=None)["id"]
    body = {"emails": ["ewa@example.org"]}

    learner = lms_client(LEARNER).post(
        f"/api/v1/course-meetings/{on_demand}/invite/", body, format="json"
    )
    unstarted = lms_client(HOST).post(
        f"/api/v1/course-meetings/{on_demand}/invite/", body, format="json"
    )

    assert learner.status_code == 403
    assert unstarted.status_code == 409
    assert unstarted.json()["code"] == "meeting_not_started"


def _stay(participant: Participant, start, minutes: int, jid: str) -> None:
    AttendanceSession.objects.create(
        meeting=participant.meeting,
        participant=participant,
        occupant_jid=jid,
        name=participant.name,
        joined_at=start,
        left_at=start + timedelta(minutes=minutes),
    )


def test_attendance_marks_completed_at_the_blocks_minutes(academy):
    meeting_id = starting_now(completion_minutes=30, duration_minutes=120)["id"]
    learner = lms_client(LEARNER)
    _join(learner, meeting_id)
    participant = Participant.objects.get(user__lms_user_id=LEARNER.user_id)
    start = Meeting.objects.get().start
    # Two devices overlapping for 10 minutes: 20 + 15 - 5 counted once.
    _stay(participant, start, 20, "a@muc/1")
    _stay(participant, start + timedelta(minutes=15), 10, "b@muc/2")

    partial = learner.get("/api/v1/course-meetings/by-block/", {"block_id": BLOCK}).json()
    _stay(participant, start + timedelta(minutes=40), 5, "a@muc/3")
    complete = learner.get("/api/v1/course-meetings/by-block/", {"block_id": BLOCK}).json()

    assert partial["me"] == {"can_host": False, "attended_minutes": 25, "completed": False}
    assert complete["me"] == {"can_host": False, "attended_minutes": 30, "completed": True}


def test_zero_completion_minutes_count_any_presence(academy):
    meeting_id = starting_now(completion_minutes=0)["id"]
    learner = lms_client(LEARNER)
    before = learner.get("/api/v1/course-meetings/by-block/", {"block_id": BLOCK}).json()
    _join(learner, meeting_id)
    participant = Participant.objects.get(user__lms_user_id=LEARNER.user_id)
    _stay(participant, Meeting.objects.get().start, 2, "a@muc/1")

    after = learner.get("/api/v1/course-meetings/by-block/", {"block_id": BLOCK}).json()

    assert before["me"]["completed"] is False
    assert after["me"] == {"can_host": False, "attended_minutes": 2, "completed": True}


def test_someone_elses_attendance_is_not_mine(academy):
    meeting_id = starting_now(completion_minutes=1)["id"]
    _join(lms_client(OTHER_LEARNER), meeting_id)
    other = Participant.objects.get(user__lms_user_id=OTHER_LEARNER.user_id)
    _stay(other, Meeting.objects.get().start, 50, "o@muc/1")

    mine = lms_client(LEARNER).get("/api/v1/course-meetings/by-block/", {"block_id": BLOCK})

    assert mine.json()["me"] == {"can_host": False, "attended_minutes": 0, "completed": False}


def _attended_block(number: int, learner) -> str:
    """A meeting started now where the learner stayed ``number`` minutes; its block id."""
    block = f"{BLOCK}-{number}"
    meeting_id = starting_now(block_id=block, completion_minutes=3)["id"]
    _join(learner, meeting_id)
    participant = Participant.objects.get(
        meeting__course_meeting__id=meeting_id, user__lms_user_id=LEARNER.user_id
    )
    _stay(participant, participant.meeting.start, number, f"u@muc/{number}")
    return block


def test_course_list_reads_my_attendance_in_queries_that_do_not_grow_with_meetings(academy):
    learner = lms_client(LEARNER)
    blocks = [_attended_block(1, learner)]

    def listed() -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as queries:
            response = learner.get("/api/v1/course-meetings/", {"course_id": COURSE})
        assert response.status_code == 200
        return len(queries), {m["block_id"]: m["me"] for m in response.json()}

    with_one, _answer = listed()
    blocks += [_attended_block(number, learner) for number in (2, 3, 4, 5)]
    with_five, answer = listed()

    assert with_five == with_one
    assert {block: me["attended_minutes"] for block, me in answer.items()} == {
        block: number for number, block in enumerate(blocks, start=1)
    }
    assert [answer[block]["completed"] for block in blocks] == [False, False, True, True, True]
