"""After booking: confirmation with an iCalendar invitation, the manage link, cancelling."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from collab_service.appointments.models import Booking
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.manage import booking_cancel, manage_token
from tests.collab_service.appointments.conftest import MONDAY_MORNING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def booking(office) -> Booking:
    booked, _ = booking_hold(
        case_type=office.case_type,
        start=TEN,
        citizen_name="Ola Nowak",
        citizen_email="ola@example.org",
        now=MONDAY_MORNING,
    )
    return booked


def _calendar(message) -> Calendar:
    alternatives = [
        part for part in message.message().walk() if part.get_content_type() == "text/calendar"
    ]
    assert alternatives, "no text/calendar part"
    part = alternatives[0]
    return part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True))


def test_confirmation_mails_a_request_ics_with_stable_uid_and_alarm(
    booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking_confirm(booking=booking)

    assert len(mail.outbox) == 1
    method, calendar = _calendar(mail.outbox[0])
    (event,) = calendar.walk("VEVENT")
    assert method == "REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"booking-{booking.pk}@szpon"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == TEN
    assert calendar.walk("VALARM")
    assert booking.reference_code in mail.outbox[0].body
    assert "/visits/manage/" in mail.outbox[0].body
    assert [a[0] for a in mail.outbox[0].attachments if isinstance(a, tuple)] == ["invite.ics"]


def test_cancel_sends_cancel_ics_with_higher_sequence_and_frees_the_seat(
    booking, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking_confirm(booking=booking)
        booking_cancel(booking=booking, reason="Choroba")

    booking.refresh_from_db()
    assert (booking.status, booking.seat, booking.sequence) == ("cancelled", None, 1)
    method, calendar = _calendar(mail.outbox[-1])
    (event,) = calendar.walk("VEVENT")
    assert (method, str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCEL", "CANCELLED", 1)
    assert str(event["UID"]) == f"booking-{booking.pk}@szpon"


def test_manage_page_cancels_and_offers_the_ics(client, booking):
    url = f"/visits/manage/{manage_token(booking)}/"

    assert client.get(url).status_code == 200
    ics = client.get(url + "visit.ics")
    assert ics["Content-Type"] == "text/calendar"
    assert b"BEGIN:VEVENT" in ics.content
    client.post(url, {"reason": "Nie zdążę"})

    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason) == ("cancelled", "Nie zdążę")


def test_manage_link_expires_a_day_after_the_visit(client, booking):
    Booking.objects.filter(pk=booking.pk).update(
        start=datetime(2020, 1, 1, tzinfo=UTC), end=datetime(2020, 1, 1, 0, 30, tzinfo=UTC)
    )

    response = client.get(f"/visits/manage/{manage_token(booking)}/")

    assert response.status_code == 400


def test_status_lookup_by_code_and_email(client, booking):
    found = client.post(
        "/visits/status/",
        {"reference_code": booking.reference_code.lower(), "email": "OLA@example.org"},
    )
    wrong = client.post(
        "/visits/status/",
        {"reference_code": booking.reference_code, "email": "someone@example.org"},
    )

    assert found.status_code == 302
    assert found["Location"].startswith("/visits/manage/")
    assert wrong.status_code == 200
    assert wrong.context["form"].non_field_errors()


def test_held_booking_that_expired_cannot_be_confirmed(booking, settings):
    from collab_service.appointments.errors import BookingError

    Booking.objects.filter(pk=booking.pk).update(
        hold_expires_at=MONDAY_MORNING - timedelta(minutes=1)
    )
    booking.refresh_from_db()

    with pytest.raises(BookingError):
        booking_confirm(booking=booking)
