"""Studio syncs a live-meeting block; course pages read it. Course context and roles rule."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from collab_service.accounts.models import User
from collab_service.courses.models import CourseMeeting
from collab_service.meetings.models import Meeting, Participant
from tests.conftest import make_tenant
from tests.infra.jwt_keys import lms_token

from .conftest import (
    BLOCK,
    COURSE,
    HOST,
    LEARNER,
    OTHER_COURSE,
    STAFF,
    lms_client,
    meeting_body,
    sync,
)

pytestmark = pytest.mark.django_db

PUT = "/api/v1/course-meetings/by-block/"
NIKT_BLOCK = "block-v1:NIKT+K1+2026+type@szpon_meeting+block@a1"


def test_first_sync_creates_the_meeting_in_the_institution_of_the_course_org(academy):
    body = meeting_body()

    answer = sync(body)

    course_meeting = CourseMeeting.objects.get(block_id=BLOCK)
    meeting = course_meeting.meeting
    assert meeting.institution == academy.institution
    assert meeting.organiser == User.objects.get(lms_user_id=STAFF.user_id)
    assert meeting.participants.get(role=Participant.Role.ORGANISER).user == meeting.organiser
    assert meeting.title == "Webinarium o e-usługach"
    assert meeting.recording_allowed is True
    assert meeting.end - meeting.start == timedelta(minutes=60)
    assert answer["id"] == course_meeting.pk
    assert answer["block_id"] == BLOCK
    assert answer["course_id"] == COURSE
    assert answer["public_id"] == str(course_meeting.public_id)
    assert answer["schedule"] == "scheduled"
    assert answer["state"] == "upcoming"
    assert answer["hosts"] == [HOST.username]
    assert answer["completion_minutes"] == 30
    assert answer["guest_access"] is False
    assert answer["ics_url"] == (
        f"http://testserver/api/v1/public/course-meetings/{course_meeting.public_id}/meeting.ics"
    )
    assert answer["public_url"] == (
        f"http://testserver/api/v1/public/course-meetings/{course_meeting.public_id}/"
    )
    assert answer["me"] == {"can_host": True, "attended_minutes": 0, "completed": False}


def test_sync_is_idempotent(academy):
    body = meeting_body()
    first = sync(body)
    meeting = Meeting.objects.get()

    second = sync(body)

    assert second == first
    assert Meeting.objects.count() == CourseMeeting.objects.count() == 1
    saved_at = meeting.updated_at
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.updated_at) == (0, saved_at)


def test_sync_moves_the_meeting_and_keeps_its_organiser(academy):
    sync()
    later = (timezone.now() + timedelta(days=2)).replace(microsecond=0)

    answer = sync(start=later.isoformat(), duration_minutes=90, title="Nowy tytuł", hosts=[])

    meeting = Meeting.objects.get()
    assert (meeting.start, meeting.end) == (later, later + timedelta(minutes=90))
    assert meeting.title == "Nowy tytuł"
    assert meeting.sequence == 1
    assert meeting.organiser.lms_user_id == STAFF.user_id
    assert answer["hosts"] == []


def test_on_demand_meeting_has_no_time_until_started(academy):
    answer = sync(schedule="on_demand", start=None)

    assert answer["state"] == "not_started"
    assert answer["start"] is None
    assert answer["end"] is None


@pytest.mark.parametrize(
    ("role", "course", "claim", "message"),
    [
        ("learner", COURSE, True, "Only the course's staff"),
        ("", COURSE, True, "Only the course's staff"),
        ("staff", COURSE, False, "needs a token from the course plugin"),
        ("staff", OTHER_COURSE, True, "comes from course course-v1:SZPON+K102+2026"),
    ],
    ids=["learner", "no-role", "no-plugin-claim", "other-course"],
)
def test_only_staff_of_the_same_course_may_sync(academy, role, course, claim, message):
    client = lms_client(STAFF, role, course=course, claim=claim)

    response = client.put(PUT, meeting_body(), format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert message in response.json()["message"]
    assert not CourseMeeting.objects.exists()


def test_signed_in_official_without_plugin_token_is_refused(academy, api):
    response = api.as_user(academy.admin).put(PUT, meeting_body(), format="json")

    assert response.status_code == 403
    assert "course plugin" in response.json()["message"]


def test_anonymous_caller_gets_401(academy):
    response = APIClient().put(PUT, meeting_body(), format="json")

    assert response.status_code == 401


def test_block_synced_from_another_course_is_refused(academy):
    plain = "szpon_meeting.szpon_meeting.d0.u0"  # the workbench's ids are not platform keys
    sync(block_id=plain)
    other_staff = lms_client(STAFF, "staff", course=OTHER_COURSE)

    response = other_staff.put(
        PUT, meeting_body(block_id=plain, course_id=OTHER_COURSE), format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "wrong_course"
    assert CourseMeeting.objects.get().course_id == COURSE


@pytest.mark.parametrize("synced_first", [False, True], ids=["unclaimed", "claimed"])
def test_block_of_another_course_cannot_be_claimed(academy, synced_first):
    if synced_first:
        sync()
    other_staff = lms_client(STAFF, "staff", course=OTHER_COURSE)

    response = other_staff.put(PUT, meeting_body(course_id=OTHER_COURSE), format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "block_not_in_course"
    assert response.json()["message"] == (
        f"The block {BLOCK} is not part of the course {OTHER_COURSE}."
    )
    assert list(CourseMeeting.objects.values_list("course_id", flat=True)) == (
        [COURSE] if synced_first else []
    )


def test_course_of_an_unknown_org_is_409_naming_the_org(academy):
    course = "course-v1:NIKT+K1+2026"
    client = lms_client(STAFF, "staff", course=course)

    response = client.put(PUT, meeting_body(course_id=course, block_id=NIKT_BLOCK), format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "no_institution"
    assert "NIKT" in response.json()["message"]
    assert not Meeting.objects.exists()


def test_default_institution_takes_courses_of_unlisted_orgs(academy, settings):
    fallback = make_tenant("Zapas")
    settings.LMS_DEFAULT_INSTITUTION = fallback.institution.slug
    course = "course-v1:NIKT+K1+2026"

    response = lms_client(STAFF, "staff", course=course).put(
        PUT, meeting_body(course_id=course, block_id=NIKT_BLOCK), format="json"
    )

    assert response.status_code == 200
    assert Meeting.objects.get().institution == fallback.institution


def test_org_listed_by_two_institutions_is_409(academy):
    twin = make_tenant("Bliźniak")
    twin.institution.lms_orgs = "szpon"
    twin.institution.save()

    response = lms_client(STAFF, "staff").put(PUT, meeting_body(), format="json")

    assert response.status_code == 409
    assert "several institutions" in response.json()["message"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start": None}, "start"),
        ({"schedule": "weekly"}, "schedule"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 10**12}, "duration_minutes"),
        ({"hosts": "uczen"}, "hosts"),
        ({"hosts": ["x" * 151]}, "hosts"),
        ({"title": ""}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"block_id": "b" * 256}, "block_id"),
        ({"start": "9999-12-31T23:59:59+14:00"}, "start"),
        ({"start": "not a time"}, "start"),
        ({"completion_minutes": -1}, "completion_minutes"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_sync_input_is_400_naming_the_field(academy, overrides, field):
    response = lms_client(STAFF, "staff").put(PUT, meeting_body(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_start_in_the_past_is_400(academy):
    past = timezone.now() - timedelta(days=1)

    response = lms_client(STAFF, "staff").put(
        PUT, meeting_body(start=past.isoformat()), format="json"
    )

    assert response.status_code == 400
    assert response.json()["message"] == "This time has already passed."


def test_non_object_body_is_400(academy):
    response = lms_client(STAFF, "staff").put(PUT, [1, 2], format="json")

    assert response.status_code == 400


def test_learner_reads_the_block_with_their_own_part(academy):
    sync()

    response = lms_client(LEARNER).get(PUT, {"block_id": BLOCK})

    assert response.status_code == 200
    assert response.json()["block_id"] == BLOCK
    assert response.json()["me"] == {"can_host": False, "attended_minutes": 0, "completed": False}


def test_host_named_by_the_block_can_host(academy):
    sync()

    response = lms_client(HOST).get(PUT, {"block_id": BLOCK})

    assert response.json()["me"]["can_host"] is True


def test_block_never_synced_is_404_and_missing_block_is_400(academy):
    client = lms_client(LEARNER)

    unknown = "block-v1:SZPON+K101+2026+type@x+block@none"
    assert client.get(PUT, {"block_id": unknown}).status_code == 404
    response = client.get(PUT)
    assert response.status_code == 400
    assert "block_id" in response.json()["errors"]


def test_block_of_another_course_is_refused_to_readers(academy):
    sync()

    response = lms_client(LEARNER, course=OTHER_COURSE).get(PUT, {"block_id": BLOCK})

    assert response.status_code == 403


def test_course_list_holds_only_this_courses_meetings(academy):
    sync()
    second = "block-v1:SZPON+K101+2026+type@szpon_meeting+block@second"
    sync(block_id=second, schedule="on_demand", start=None)
    other_staff = lms_client(STAFF, "staff", course=OTHER_COURSE)
    other = meeting_body(block_id="block-v1:SZPON+K102+2026+type@m+block@1", course_id=OTHER_COURSE)
    assert other_staff.put(PUT, other, format="json").status_code == 200

    response = lms_client(LEARNER).get("/api/v1/course-meetings/", {"course_id": COURSE})

    assert response.status_code == 200
    assert {m["block_id"] for m in response.json()} == {BLOCK, second}
    assert all(m["me"]["can_host"] is False for m in response.json())


def test_course_list_of_another_course_or_without_course_is_refused(academy):
    client = lms_client(LEARNER)

    assert client.get("/api/v1/course-meetings/", {"course_id": OTHER_COURSE}).status_code == 403
    assert client.get("/api/v1/course-meetings/").status_code == 400


def test_other_institutions_official_sees_nothing_of_the_course_meeting(academy, api):
    sync()
    other = make_tenant("Obcy")

    response = api.as_user(other.admin).get("/api/v1/meetings/", {"past": "true"})

    assert response.status_code == 200
    assert response.json()["count"] == 0
    meeting = Meeting.objects.get()
    assert api.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404


def test_expired_plugin_token_is_401(academy):
    client = APIClient()
    token = lms_token(
        user_id=STAFF.user_id,
        exp=int(timezone.now().timestamp()) - 10,
        szpon={"course_id": COURSE, "course_role": "staff"},
    )
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")

    assert client.put(PUT, meeting_body(), format="json").status_code == 401


def test_sync_without_language_keeps_the_meetings_language(academy):
    sync(language="en")
    body = meeting_body(title="Nowy tytuł")
    del body["language"]

    sync(body)

    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.language) == ("Nowy tytuł", "en")


def test_first_sync_without_language_is_polish_and_a_later_one_changes_it(academy):
    body = meeting_body()
    del body["language"]
    sync(body)
    assert Meeting.objects.get().language == "pl"

    sync(language="en")

    assert Meeting.objects.get().language == "en"
