"""The consultation block: editing, free times, booking and cancelling through the service."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from xblock.reference.user_service import XBlockUser

from collab_service.appointments.models import Booking
from collab_service.courses.models import CourseConsultation, LearnerBooking
from tests.conftest import make_tenant
from tests.infra.servers import free_port
from tests.xblocks.conftest import bookable_case_type
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
from xblocks.szpon_appointment import AppointmentBlock

OTHER_LEARNER = lms_user(4204, "olek.kursant", name="Olek Kursant")
START = re.compile(r'data-start="([^"]+)"')
_IN_A_MONTH = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=30)
# 03:17 in Warsaw: outside any working hours and off the slot grid.
_AHEAD_ODD_MINUTE = _IN_A_MONTH.replace(hour=2, minute=17).isoformat()
_AHEAD_TEN = _IN_A_MONTH.replace(hour=9, minute=0).isoformat()


def consultation(user=STAFF, **fields) -> AppointmentBlock:
    fields.setdefault("title", "Konsultacja z opiekunem kursu")
    return make_block(AppointmentBlock, "szpon_appointment", user, **fields)


def render(block, view: str = "student_view", language: str = "en") -> str:
    with translation.override(language):
        return html(block.render(view))


def english(block, handler, body=None, **kwargs):
    with translation.override("en"):
        return call(block, handler, body, **kwargs)


@pytest.fixture
def ready(service, case_type):
    """A consultation block the course staff has opened (which ties it to the case type)."""
    block = consultation(STAFF, case_type=case_type.pk)
    render(block)
    return block


def free_starts(page: str) -> list[str]:
    return START.findall(page)


def form(**overrides) -> dict:
    body = {
        "title": "Konsultacja",
        "display_name": "",
        "case_type": "",
        "instructions": "",
        "days": "7",
    }
    body.update(overrides)
    return body


def test_studio_view_has_the_fields():
    with translation.override("en"):
        page = html(consultation(case_type=12).studio_view())

    for name in ("title", "case_type", "instructions", "days"):
        assert f'data-field="{name}"' in page
    assert "…/visits/book/12/ means 12" in page
    assert 'value="12"' in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"case_type": ""}, "case_type", "Enter the case type's number"),
        ({"case_type": "0"}, "case_type", "Enter the case type's number"),
        ({"case_type": "dwanaście"}, "case_type", "Enter the case type's number"),
        ({"days": "32"}, "days", "from 1 to 31"),
        ({"instructions": "x" * 2001}, "instructions", "at most 2000 characters"),
        ({"title": "", "case_type": "3"}, "title", "Give the consultation a title."),
    ],
)
def test_studio_submit_names_the_field_in_error(overrides, field, message):
    status, body = english(consultation(), "studio_submit", form(**overrides))

    assert status == 400
    assert message in body["errors"][field]


def test_studio_submit_refuses_a_case_type_the_service_does_not_have(service, case_type):
    block = consultation()
    status, body = english(block, "studio_submit", form(case_type=str(case_type.pk + 1000)))

    assert status == 400
    assert body["errors"] == {
        "case_type": "The consultations service has no matter with this number open for booking."
    }
    assert block.case_type == 0


def test_studio_submit_refuses_a_case_type_of_another_office(service, case_type):
    elsewhere = bookable_case_type(make_tenant("Inny"), slug="inna")

    status, body = english(consultation(), "studio_submit", form(case_type=str(elsewhere.pk)))

    assert status == 400
    assert (
        "belongs to an office that does not run this course's consultations"
        in (body["errors"]["case_type"])
    )
    assert not CourseConsultation.objects.exists()


def test_studio_submit_saves_and_ties_the_block_to_the_case_type(service, case_type):
    block = consultation()

    status, body = english(
        block, "studio_submit", form(case_type=str(case_type.pk), instructions="Przynieś pytania.")
    )

    assert status == 200, body
    assert body == {"saved": True, "synced": True, "warnings": []}
    assert block.case_type == case_type.pk
    assert block.instructions == "Przynieś pytania."
    assert block.synced_case_type == case_type.pk
    saved = CourseConsultation.objects.get()
    assert saved.block_id == str(block.scope_ids.usage_id)
    assert saved.case_type == case_type
    assert saved.title == "Konsultacja"


def test_studio_submit_with_the_title_cleared_sends_the_new_display_name(service, case_type):
    block = consultation(display_name="Stara nazwa")

    status, body = english(
        block,
        "studio_submit",
        form(title="", display_name="Dyżur opiekuna", case_type=str(case_type.pk)),
    )

    assert status == 200, body
    assert block.effective_title() == "Dyżur opiekuna"
    assert CourseConsultation.objects.get().title == "Dyżur opiekuna"


def test_studio_submit_with_the_service_down_saves_and_warns(service_down):
    block = consultation()

    status, body = english(block, "studio_submit", form(case_type="5"))

    assert status == 200
    assert body["synced"] is False
    assert len(body["warnings"]) == 2
    assert "could not be asked whether this matter exists" in body["warnings"][0]
    assert "not available right now" in body["warnings"][1]
    assert block.case_type == 5


def test_learner_sees_free_times_by_day(ready):
    page = render(seen_by(ready, LEARNER))

    assert "Free times" in page
    assert "<details open>" in page
    starts = free_starts(page)
    assert starts
    assert re.search(r'aria-label="Book \d\d:\d\d on \w+day, \d+ \w+ 20\d\d"', page)
    assert "Your bookings" not in page


def test_staff_view_ties_the_block_to_the_case_type(ready, case_type):
    consultation_row = CourseConsultation.objects.get()
    assert consultation_row.case_type == case_type
    # Settings are read-only in the LMS: only a save in Studio records the tie.
    assert ready.synced_case_type == 0


def test_block_without_a_case_type_says_so(service):
    page = render(consultation(LEARNER))

    assert "This consultation is not set up yet." in page


def test_learner_books_a_free_time_and_sees_the_booking(ready):
    learner = seen_by(ready, LEARNER)
    start = free_starts(render(learner))[0]

    status, body = english(learner, "book", {"start": start})

    assert status == 200, body
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.start == datetime.fromisoformat(start)
    assert LearnerBooking.objects.get().block_id == str(ready.scope_ids.usage_id)
    assert f"Your reference code is {booking.reference_code}" in body["message"]
    assert "Your bookings" in body["html"]
    assert booking.reference_code in body["html"]
    assert f'data-cancel="{booking.pk}"' in body["html"]
    assert start not in free_starts(body["html"])


def test_a_time_taken_a_moment_ago_gets_a_friendly_refusal_and_a_fresh_list(ready):
    start = free_starts(render(seen_by(ready, LEARNER)))[0]
    english(seen_by(ready, OTHER_LEARNER), "book", {"start": start})

    status, body = english(seen_by(ready, LEARNER), "book", {"start": start})

    assert status == 409
    assert body["code"] == "slot_taken"
    assert body["message"] == "Someone has just booked this time. Choose another one."
    assert start not in free_starts(body["html"])
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "start", [None, "", "tomorrow", "2026-12-03T10:00:00", 42, "2026-12-03T10:00:00+01:00" * 3]
)
def test_book_checks_the_time_it_gets(ready, start):
    status, body = english(seen_by(ready, LEARNER), "book", {"start": start})

    assert status == 400
    assert body == {"message": "Choose one of the free times.", "code": "invalid"}


def test_a_time_that_is_no_slot_is_refused(ready):
    status, body = english(seen_by(ready, LEARNER), "book", {"start": _AHEAD_ODD_MINUTE})

    assert status == 400
    assert body["message"] == "This time cannot be booked any more. Choose another one."
    assert not Booking.objects.exists()


def test_booking_before_the_course_team_set_the_block_up(service, case_type):
    block = consultation(LEARNER, case_type=case_type.pk)
    start = free_starts(render(block))[0]

    status, body = english(block, "book", {"start": start})

    assert status == 404
    assert body["message"].startswith("This consultation has not been set up yet.")


def test_learner_without_an_e_mail_address_is_told_what_to_do(ready):
    user = XBlockUser(is_current_user=True, emails=[], full_name="Bez Adresu")
    user.opt_attrs.update(
        {
            "edx-platform.user_id": 4299,
            "edx-platform.username": "bez.adresu",
            "edx-platform.is_authenticated": True,
        }
    )
    learner = seen_by(ready, user)
    start = free_starts(render(learner))[0]

    status, body = english(learner, "book", {"start": start})

    assert status == 400
    assert body["code"] == "email_unverified"
    assert body["message"].startswith("Confirm your e-mail address in your account settings")


def test_learner_cancels_their_booking(ready):
    learner = seen_by(ready, LEARNER)
    english(learner, "book", {"start": free_starts(render(learner))[0]})
    booking = Booking.objects.get()

    status, body = english(learner, "cancel", {"booking_id": str(booking.pk)})

    assert status == 200, body
    assert body["message"] == "Your booking is cancelled."
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Your bookings" not in body["html"]


def test_nobody_cancels_someone_elses_booking(ready):
    learner = seen_by(ready, LEARNER)
    english(learner, "book", {"start": free_starts(render(learner))[0]})
    booking = Booking.objects.get()

    status, body = english(seen_by(ready, OTHER_LEARNER), "cancel", {"booking_id": str(booking.pk)})

    assert status == 404
    assert body["message"] == "This booking is no longer yours to cancel. Reload the page."
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


@pytest.mark.parametrize("booking_id", [None, 7, "", "../../admin", "x" * 40])
def test_cancel_checks_the_booking_id(ready, booking_id):
    status, body = english(seen_by(ready, LEARNER), "cancel", {"booking_id": booking_id})

    assert status == 400
    assert body["code"] == "invalid"


def test_anonymous_visitors_cannot_book_through_the_block(ready):
    status, body = english(seen_by(ready, ANONYMOUS), "book", {"start": _AHEAD_TEN})

    assert status == 403
    assert body["code"] == "anonymous"


def test_service_down_while_booking_is_a_friendly_503(ready, service_down):
    status, body = english(seen_by(ready, LEARNER), "book", {"start": _AHEAD_TEN})

    assert status == 503
    assert "not available right now" in body["message"]
    assert "html" not in body


def test_learner_view_with_the_service_down(service_down):
    page = render(consultation(LEARNER, case_type=3))

    assert "The meetings and consultations service is not available right now." in page
    assert "Traceback" not in page


def test_public_view_lists_free_days_linking_to_the_office_booking_page(ready, case_type, service):
    page = render(seen_by(ready, ANONYMOUS))

    assert "You can book a visit without an account" in page
    assert f'href="{service}/visits/book/{case_type.pk}/"' in page
    day_links = re.findall(
        rf'href="{service}/visits/book/{case_type.pk}/\?day=(\d{{4}}-\d\d-\d\d)"', page
    )
    assert day_links
    assert "(opens in a new tab)" in page
    assert 'target="_blank" rel="noopener"' in page


def test_visitors_share_one_read_of_the_free_times_a_minute(ready, settings):
    days = re.compile(r"\?day=(\d{4}-\d\d-\d\d)")
    first = render(seen_by(ready, ANONYMOUS))
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "URL": f"http://127.0.0.1:{free_port()}"}

    second = render(seen_by(ready, ANONYMOUS))

    assert days.findall(first)
    assert days.findall(second) == days.findall(first)
    assert "not available" not in second


def test_public_view_with_the_service_down(service_down):
    page = render(consultation(ANONYMOUS, case_type=3), "public_view")

    assert "not available right now" in page


def test_author_view_needs_no_service(service_down):
    page = render(consultation(case_type=3, instructions="Przygotuj pytania."), "author_view")

    assert "Case type number</dt><dd>3" in page
    assert "Przygotuj pytania." in page
    assert "Not saved to the consultations service yet" in page


def test_views_speak_polish(ready):
    page = render(seen_by(ready, LEARNER), language="pl")

    assert "Wolne terminy" in page
    assert re.search(
        r'aria-label="Zarezerwuj \d\d:\d\d, [a-ząćęłńóśźż]+, \d+ [a-ząćęłńóśźż]+ 20', page
    )
