"""Editing a live meeting in Studio: the form, per-field errors, and saving to the service."""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from collab_service.courses.models import CourseMeeting
from tests.xblocks.runtime import (
    ANONYMOUS,
    COURSE,
    LEARNER,
    STAFF,
    call,
    html,
    make_block,
    seen_by,
)
from xblocks.szpon_meeting import LiveMeetingBlock

WARSAW = ZoneInfo("Europe/Warsaw")


def meeting(user=STAFF, **fields) -> LiveMeetingBlock:
    return make_block(LiveMeetingBlock, "szpon_meeting", user, **fields)


def in_warsaw(moment: datetime) -> str:
    return moment.astimezone(WARSAW).strftime("%Y-%m-%dT%H:%M")


def form(**overrides) -> dict:
    body = {
        "title": "Webinarium: e-Doręczenia",
        "display_name": "Webinarium",
        "schedule": "scheduled",
        "start": in_warsaw(datetime.now(UTC) + timedelta(days=2)),
        "time_zone": "Europe/Warsaw",
        "duration_minutes": "90",
        "hosts": "ewa.prowadzaca, piotr.gosc",
        "lobby": True,
        "recording_allowed": False,
        "guest_access": True,
        "completion_minutes": "45",
    }
    body.update(overrides)
    return body


def test_studio_view_labels_every_field_with_help_and_error_slots():
    block = meeting(title="Narada", start="2026-12-03T10:00", hosts=["ewa.prowadzaca"])
    with translation.override("en"):
        page = html(block.studio_view())

    for name in (
        "title",
        "schedule",
        "start",
        "time_zone",
        "duration_minutes",
        "hosts",
        "lobby",
        "recording_allowed",
        "guest_access",
        "completion_minutes",
    ):
        assert f'data-field="{name}"' in page
        assert f'-{name}-error" hidden' in page
    assert "The time zone of the start time." in page
    assert 'value="2026-12-03T10:00"' in page
    assert 'value="ewa.prowadzaca"' in page
    assert '<option value="Europe/Warsaw" selected>' in page


def test_studio_view_speaks_polish():
    with translation.override("pl"):
        page = html(meeting().studio_view())

    assert "Tytuł spotkania" in page
    assert "Strefa czasowa" in page
    assert "Zapisz" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Give the meeting a title."),
        ({"title": "x" * 201}, "title", "Use at most 200 characters."),
        (
            {"schedule": "weekly"},
            "schedule",
            "Choose whether the meeting is scheduled or on demand.",
        ),
        ({"start": ""}, "start", "A scheduled meeting needs a start date and time."),
        ({"start": "3 grudnia"}, "start", "Enter the date and time as YYYY-MM-DD HH:MM."),
        (
            {"start": "2027-03-28T02:30"},
            "start",
            "This time does not exist in the chosen time zone",
        ),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone from the list."),
        ({"duration_minutes": "4"}, "duration_minutes", "from 5 to 480"),
        ({"duration_minutes": "dużo"}, "duration_minutes", "from 5 to 480"),
        ({"completion_minutes": "91"}, "completion_minutes", "longer than the meeting itself (90"),
        ({"completion_minutes": -1}, "completion_minutes", "from 0 to 480"),
        ({"hosts": "ewa; zła nazwa!"}, "hosts", "These are not valid usernames: nazwa!"),
        ({"hosts": 7}, "hosts", "Enter usernames separated by commas."),
        ({"guest_access": "maybe"}, "guest_access", "Choose yes or no."),
    ],
)
def test_studio_submit_names_the_field_in_error(overrides, field, message):
    block = meeting(title="Stary tytuł")
    with translation.override("en"):
        status, body = call(block, "studio_submit", form(**overrides))

    assert status == 400
    assert body["code"] == "invalid"
    assert message in body["errors"][field]
    assert block.title == "Stary tytuł"


def test_studio_submit_in_polish():
    with translation.override("pl"):
        status, body = call(meeting(), "studio_submit", form(title="", duration_minutes="0"))

    assert status == 400
    assert body["errors"]["title"] == "Nadaj spotkaniu tytuł."
    assert body["errors"]["duration_minutes"] == "Wpisz liczbę minut od 5 do 480."


@pytest.mark.parametrize(
    ("raw", "method"), [(b"{not json", "POST"), (b"[1, 2]", "POST"), (b"\xff\xfe", "POST")]
)
def test_studio_submit_answers_unreadable_requests_with_json(raw, method):
    status, body = call(meeting(), "studio_submit", raw=raw, method=method)

    assert status == 400
    assert body["code"] == "bad_json"


def test_handlers_want_post():
    status, body = call(meeting(), "studio_submit", method="GET")

    assert status == 405
    assert body["code"] == "method_not_allowed"


def test_studio_submit_saves_and_creates_the_meeting_in_the_service(service, academy):
    block = meeting()
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)

    status, body = call(block, "studio_submit", form(start=in_warsaw(start)))

    assert status == 200, body
    assert body == {"saved": True, "synced": True, "warnings": []}
    assert block.title == "Webinarium: e-Doręczenia"
    assert block.hosts == ["ewa.prowadzaca", "piotr.gosc"]
    assert block.duration_minutes == 90
    course_meeting = CourseMeeting.objects.get(block_id=str(block.scope_ids.usage_id))
    assert str(course_meeting.public_id) == block.public_id
    assert course_meeting.course_id == COURSE
    assert course_meeting.meeting.title == "Webinarium: e-Doręczenia"
    assert course_meeting.meeting.start == start
    assert course_meeting.hosts == ["ewa.prowadzaca", "piotr.gosc"]
    assert course_meeting.guest_access is True
    assert course_meeting.completion_minutes == 45
    assert course_meeting.meeting.institution == academy.institution


def test_saving_again_updates_the_same_meeting(service, academy):
    block = meeting()
    call(block, "studio_submit", form())
    status, body = call(block, "studio_submit", form(schedule="on_demand", start="", title="Dyżur"))

    assert status == 200, body
    assert body["synced"] is True
    course_meeting = CourseMeeting.objects.get()
    assert course_meeting.schedule == "on_demand"
    assert course_meeting.meeting.title == "Dyżur"


def test_a_meeting_already_over_is_refused_but_one_under_way_is_saved(service, academy):
    block = meeting()
    over = in_warsaw(datetime.now(UTC) - timedelta(minutes=91))
    under_way = in_warsaw(datetime.now(UTC) - timedelta(minutes=30))
    with translation.override("en"):
        refused_status, refused = call(block, "studio_submit", form(start=over))
        status, body = call(block, "studio_submit", form(start=under_way))

    assert refused_status == 400
    assert refused["errors"] == {
        "start": "With this start the meeting would already be over. Choose a later time."
    }
    assert status == 200
    assert body == {"saved": True, "synced": True, "warnings": []}


def test_service_down_saves_the_settings_and_warns(service_down):
    block = meeting()
    with translation.override("en"):
        status, body = call(block, "studio_submit", form(title="Mimo awarii"))

    assert status == 200
    assert body["saved"] is True
    assert body["synced"] is False
    assert "the meeting service did not take them" in body["warnings"][0]
    assert "not available right now" in body["warnings"][0]
    assert "Traceback" not in json.dumps(body)
    assert block.title == "Mimo awarii"
    assert block.public_id == ""


def test_course_without_an_office_in_the_service_warns_clearly(service, transactional_db):
    with translation.override("en"):
        status, body = call(meeting(), "studio_submit", form())

    assert status == 200
    assert body["synced"] is False
    assert "No office in the meeting service runs this course's meetings" in body["warnings"][0]


@pytest.mark.parametrize("user", [ANONYMOUS, LEARNER], ids=["anonymous", "learner"])
def test_only_the_course_team_saves_the_settings(service, academy, user):
    block = meeting(title="Webinarium", hosts=[])
    with translation.override("en"):
        assert call(block, "studio_submit", form(title="Webinarium", hosts=""))[0] == 200
        status, body = call(
            seen_by(block, user), "studio_submit", form(title="Mine now", hosts="ola.kursantka")
        )

    assert status == 403
    assert body == {
        "message": "Only the course team can change these settings.",
        "code": "not_staff",
    }
    course_meeting = CourseMeeting.objects.get()
    assert course_meeting.meeting.title == "Webinarium"
    assert course_meeting.hosts == []
    assert block.title == "Webinarium"
    assert block.hosts == []


def test_an_author_in_another_language_saves_an_english_meeting(service, academy):
    with translation.override("de"):
        status, body = call(meeting(), "studio_submit", form())

    assert status == 200
    assert body["synced"] is True
    assert CourseMeeting.objects.get().meeting.language == "en"


def test_studio_keys_with_branch_and_version_save_the_published_block(service, academy):
    draft = (
        "block-v1:SZPoN+K101+2026+branch@draft-branch+version@5f0a1b2c3d4e5f6a7b8c9d0e"
        "+type@szpon_meeting+block@studio1"
    )
    block = make_block(LiveMeetingBlock, "szpon_meeting", STAFF, usage_key=draft)

    status, body = call(block, "studio_submit", form())

    assert status == 200, body
    saved = CourseMeeting.objects.get()
    assert saved.block_id == "block-v1:SZPoN+K101+2026+type@szpon_meeting+block@studio1"
    assert saved.course_id == COURSE


@pytest.mark.parametrize("start", ["9999-12-31 23:00", "0001-01-01 00:30", "1999-12-31 10:00"])
def test_a_start_out_of_range_is_a_format_error(start):
    with translation.override("en"):
        status, body = call(meeting(), "studio_submit", form(start=start))

    assert status == 400
    assert body["errors"]["start"] == "Enter the date and time as YYYY-MM-DD HH:MM."


@pytest.mark.parametrize("start", ["9999-12-31T23:00", "0001-01-01T00:30"])
def test_a_stored_start_out_of_range_shows_no_planned_time(service_down, start):
    with translation.override("en"):
        page = html(meeting(start=start).render("author_view"))

    assert "Scheduled: the time is not set yet." in page
    assert "On demand:" not in page


def test_a_scheduled_meeting_without_a_start_says_so_in_polish(service_down):
    with translation.override("pl"):
        page = html(meeting(start="").render("author_view"))

    assert "Zaplanowane: termin nie jest jeszcze ustalony." in page
