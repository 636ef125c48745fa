"""What learners, hosts, authors and visitors see of a live meeting."""

from datetime import UTC, date, datetime, timedelta

from django.utils import translation

from collab_service.courses.models import CourseMeeting
from collab_service.meetings.models import Meeting
from tests.xblocks.runtime import (
    ANONYMOUS,
    LEARNER,
    STAFF,
    call,
    html,
    lms_user,
    make_block,
    seen_by,
)
from tests.xblocks.test_meeting_studio import in_warsaw
from xblocks.szpon_meeting import LiveMeetingBlock

HOST = lms_user(4203, "ewa.prowadzaca", name="Ewa Prowadząca")

_MONTHS_PL = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]


def _thursday_ahead() -> date:
    """A Thursday one to two weeks from today: upcoming whenever the suite runs."""
    day = datetime.now(UTC).date() + timedelta(days=7)
    return day + timedelta(days=(3 - day.weekday()) % 7)


THURSDAY = _thursday_ahead()
THURSDAY_TEN = f"{THURSDAY.isoformat()}T10:00"
THURSDAY_EN = f"Thursday, {THURSDAY.day} {THURSDAY:%B} {THURSDAY.year}"
THURSDAY_PL = f"czwartek, {THURSDAY.day} {_MONTHS_PL[THURSDAY.month - 1]} {THURSDAY.year}"


def meeting(user=STAFF, **fields) -> LiveMeetingBlock:
    fields.setdefault("title", "Webinarium: e-Doręczenia")
    fields.setdefault("start", in_warsaw(datetime.now(UTC) + timedelta(minutes=5)))
    fields.setdefault("hosts", ["ewa.prowadzaca"])
    return make_block(LiveMeetingBlock, "szpon_meeting", user, **fields)


def studio_save(block) -> None:
    """Save the block's settings in Studio, as the course team does before learners come."""
    body = {
        "title": block.title,
        "display_name": block.display_name,
        "schedule": block.schedule,
        "start": block.start,
        "time_zone": block.time_zone,
        "duration_minutes": str(block.duration_minutes),
        "hosts": ", ".join(block.hosts),
        "lobby": block.lobby,
        "recording_allowed": block.recording_allowed,
        "guest_access": block.guest_access,
        "completion_minutes": str(block.completion_minutes),
    }
    status, answer = call(block, "studio_submit", body)
    assert status == 200, answer
    assert answer["synced"], answer


def render(block, view: str = "student_view", language: str = "en") -> str:
    with translation.override(language):
        return html(block.render(view))


def test_author_view_summarises_the_settings_without_calling_the_service(service_down):
    block = meeting(start=THURSDAY_TEN, guest_access=True, completion_minutes=20)

    page = render(block, "author_view")

    assert "Webinarium: e-Doręczenia" in page
    assert f"{THURSDAY_EN}, 10:00–11:00 (time zone: Europe/Warsaw)" in page
    assert "ewa.prowadzaca" in page
    assert "<dt>Guests without an account</dt><dd>yes</dd>" in page
    assert "Not saved to the meeting service yet" in page
    assert "not available" not in page


def test_learner_sees_a_meeting_nobody_saved_yet_as_not_set_up(service, academy):
    page = render(meeting(LEARNER))

    assert "This meeting has not been set up yet." in page
    assert 'data-action="join"' not in page
    assert not CourseMeeting.objects.exists()


def test_course_staff_view_saves_the_meeting_and_offers_join_and_invitations(service, academy):
    block = meeting(STAFF)

    page = render(block)

    course_meeting = CourseMeeting.objects.get()
    assert block.public_id == ""  # settings are read-only in the LMS; the page uses the answer
    assert "Upcoming" in page
    assert 'data-action="join"' in page
    assert 'data-action="start"' not in page  # scheduled, not on demand
    assert "Invite people" in page
    assert f"/api/v1/public/course-meetings/{course_meeting.public_id}/meeting.ics" in page
    assert "Attend at least" not in page  # staff do not complete units


def test_learner_sees_state_calendar_link_join_and_what_completes_the_unit(service, academy):
    block = meeting(STAFF, completion_minutes=30)
    render(block)

    page = render(seen_by(block, LEARNER))

    assert "Upcoming" in page
    assert "(time zone: Europe/Warsaw)" in page
    assert 'data-action="join"' in page
    assert "Invite people" not in page
    assert "Attend at least 30 minutes to complete this unit." in page
    assert "meeting.ics" in page


def test_a_designated_host_gets_the_invitation_form(service, academy):
    block = meeting(STAFF)
    render(block)

    page = render(seen_by(block, HOST))

    assert "Invite people" in page
    assert "Attend at least" in page  # still a learner of the course


def test_on_demand_meeting_offers_hosts_the_start_button(service, academy):
    block = meeting(STAFF, schedule="on_demand", start="")

    page = render(block)
    learner_page = render(seen_by(block, LEARNER))

    assert "Not started yet" in page
    assert "On demand: the meeting opens when a host starts it and lasts 60 minutes." in page
    assert 'data-action="start"' in page
    assert 'data-action="start"' not in learner_page
    assert 'data-action="join"' in learner_page


def test_cancelled_on_demand_meeting_offers_no_start_button(service, academy):
    block = meeting(STAFF, schedule="on_demand", start="")
    render(block)
    Meeting.objects.filter(course_meeting__isnull=False).update(status=Meeting.Status.CANCELLED)

    page = render(block)

    assert "Cancelled" in page
    assert 'data-action="start"' not in page
    assert 'data-action="join"' not in page


def test_live_meeting_says_so_and_ended_one_offers_no_join(service, academy):
    live = meeting(STAFF, start=in_warsaw(datetime.now(UTC) - timedelta(minutes=10)))
    render(live)
    ended = meeting(STAFF)
    render(ended)
    over = CourseMeeting.objects.get(block_id=str(ended.scope_ids.usage_id)).meeting
    over.start = datetime.now(UTC) - timedelta(hours=3)
    over.end = datetime.now(UTC) - timedelta(hours=2)
    over.save()

    assert "Live now" in render(seen_by(live, LEARNER))
    ended_page = render(seen_by(ended, LEARNER))
    assert "Ended" in ended_page
    assert 'data-action="join"' not in ended_page


def test_service_down_shows_a_friendly_message_and_the_planned_time(service_down):
    page = render(meeting(LEARNER, start=THURSDAY_TEN))

    assert "The meetings and consultations service is not available right now." in page
    assert f"{THURSDAY_EN}, 10:00–11:00" in page
    assert "Traceback" not in page
    assert 'data-action="join"' not in page


def test_a_site_that_cannot_sign_tokens_shows_the_unavailable_message(service_down, settings):
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "JWT_ISSUER": ""}
    settings.JWT_AUTH = {}
    block = meeting(LEARNER, start=THURSDAY_TEN)

    page = render(block)
    status, body = call(block, "join", {})

    assert "The meetings and consultations service is not available right now." in page
    assert f"{THURSDAY_EN}, 10:00–11:00" in page
    assert status == 503
    assert body["code"] == "service_unavailable"


def test_anonymous_visitors_get_the_public_view(service, academy):
    block = meeting(STAFF, guest_access=True)
    studio_save(block)

    page = render(seen_by(block, ANONYMOUS))

    assert "Join as a guest" in page
    assert 'autocomplete="name"' in page


def test_public_view_without_guests_asks_to_sign_in(service, academy):
    block = meeting(STAFF, guest_access=False)
    studio_save(block)

    page = render(seen_by(block, ANONYMOUS), "public_view")

    assert "Sign in to the course to take part in this meeting." in page
    assert "Join as a guest" not in page
    assert "Upcoming" in page


def test_public_view_hands_the_guest_form_the_service_public_address(service, academy):
    block = meeting(STAFF, guest_access=True)
    studio_save(block)

    fragment = seen_by(block, ANONYMOUS).public_view()

    args = fragment.json_init_args
    assert args["guest_join_url"] == (
        f"{service}/api/v1/public/course-meetings/{block.public_id}/guest-join/"
    )
    assert fragment.js_init_fn == "SzponMeetingPublic"


def test_public_view_of_an_unsaved_meeting_shows_the_planned_schedule(service_down):
    page = render(meeting(ANONYMOUS, start=THURSDAY_TEN, guest_access=True), "public_view")

    assert f"{THURSDAY_EN}, 10:00–11:00" in page
    assert "Join as a guest" not in page  # nothing to join until the meeting is saved


def test_views_speak_polish(service, academy):
    block = meeting(STAFF, start=THURSDAY_TEN, completion_minutes=2)
    render(block)

    page = render(seen_by(block, LEARNER), language="pl")

    assert "Dołącz do spotkania" in page
    assert f"{THURSDAY_PL}, 10:00–11:00 (strefa czasowa: Europe/Warsaw)" in page
    assert "Weź udział w spotkaniu przez co najmniej 2 minuty, aby ukończyć tę część." in page
