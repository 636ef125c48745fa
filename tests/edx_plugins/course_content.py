"""A course's meetings and consultation made through the service's own API as course staff,
the way Studio syncs the blocks, for the pages that list them."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from collab_service.courses.models import CourseMeeting
from collab_service.meetings.models import AttendanceSession, Participant
from tests.collab_service.appointments.conftest import Office
from tests.edx_plugins.conftest import COURSE_ID, course_office, service_api

BLOCK = "block-v1:UrzadA+RODO+2026+type@{kind}+block@{name}"
LIVE_TITLE = "Webinarium: RODO w praktyce"
UPCOMING_TITLE = "Szkolenie: e-usługi w urzędzie"
ON_DEMAND_TITLE = "Dyżur prowadzącego <b>na żądanie</b>"
CONSULTATION_TITLE = "Konsultacje z inspektorem ochrony danych"


@dataclass(frozen=True)
class CourseContent:
    office: Office
    live: dict
    upcoming: dict
    on_demand: dict
    consultation: dict


def _sync(api, name: str, **fields) -> dict:
    body = {
        "block_id": BLOCK.format(kind="szpon_meeting", name=name),
        "course_id": COURSE_ID,
        "schedule": "scheduled",
        "duration_minutes": 90,
        **fields,
    }
    response = api.put("/api/v1/course-meetings/by-block/", body, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def course_content_make(*, staff, attendee=None) -> CourseContent:
    """A live meeting (``attendee`` spent ten minutes in it), an upcoming one, an on-demand one
    not started yet, and a consultation of the office's case type."""
    office = course_office()
    api = service_api(staff, "staff")
    now = timezone.now().replace(microsecond=0)
    live = _sync(
        api,
        "live",
        title=LIVE_TITLE,
        start=(now - timedelta(minutes=20)).isoformat(),
        completion_minutes=5,
    )
    upcoming = _sync(api, "next", title=UPCOMING_TITLE, start=(now + timedelta(days=2)).isoformat())
    on_demand = _sync(api, "duty", title=ON_DEMAND_TITLE, schedule="on_demand")
    response = api.put(
        "/api/v1/course-consultations/by-block/",
        {
            "block_id": BLOCK.format(kind="szpon_appointment", name="rodo"),
            "course_id": COURSE_ID,
            "title": CONSULTATION_TITLE,
            "case_type": office.case_type.pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    if attendee is not None:
        _attend(attendee, live["id"], minutes=10)
    return CourseContent(office, live, upcoming, on_demand, response.json())


def _attend(user, course_meeting_id: int, *, minutes: int) -> None:
    """The user joins through the service and Jitsi's event sync reports their stay."""
    joined = service_api(user).post(f"/api/v1/course-meetings/{course_meeting_id}/join/")
    assert joined.status_code == 200, joined.json()
    meeting = CourseMeeting.objects.get(pk=course_meeting_id).meeting
    participant = Participant.objects.get(meeting=meeting, user__lms_user_id=user.pk)
    AttendanceSession.objects.create(
        meeting=meeting,
        participant=participant,
        occupant_jid=f"{participant.pk}@muc.meet.jitsi/1",
        name=participant.name,
        joined_at=meeting.start,
        left_at=meeting.start + timedelta(minutes=minutes),
    )
