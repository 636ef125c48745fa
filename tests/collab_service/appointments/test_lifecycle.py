"""Reminders before the visit and anonymising after it."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail

from collab_service.appointments.models import Booking, WaitingListEntry
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.lifecycle import (
    bookings_anonymise,
    reminders_send,
    waiting_list_anonymise,
)
from tests.collab_service.appointments.conftest import MONDAY_MORNING

pytestmark = pytest.mark.django_db

TUESDAY_TEN = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def booking(office) -> Booking:
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        held, _ = booking_hold(
            case_type=office.case_type,
            start=TUESDAY_TEN,
            citizen_name="Ola Nowak",
            citizen_email="ola@example.org",
            answers={"x": "y"},
        )
        Booking.objects.filter(pk=held.pk).update(created_at=MONDAY_MORNING)
        return booking_confirm(booking=held)


def test_reminders_go_out_once_a_day_and_an_hour_before(
    booking, django_capture_on_commit_callbacks
):
    day_before = TUESDAY_TEN - timedelta(hours=23)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=day_before) == 1
        assert reminders_send(now=day_before + timedelta(minutes=5)) == 0
        assert reminders_send(now=TUESDAY_TEN - timedelta(minutes=50)) == 1
        assert reminders_send(now=TUESDAY_TEN + timedelta(minutes=1)) == 0

    reminders = [m for m in mail.outbox if m.subject.startswith(("Przypomnienie", "Reminder"))]
    assert len(reminders) == 2
    assert "/visits/manage/" in reminders[0].body


def test_reminder_whose_moment_passed_before_booking_is_skipped(booking):
    Booking.objects.filter(pk=booking.pk).update(created_at=TUESDAY_TEN - timedelta(hours=2))

    assert reminders_send(now=TUESDAY_TEN - timedelta(hours=1, minutes=30)) == 0
    assert reminders_send(now=TUESDAY_TEN - timedelta(minutes=30)) == 1


def test_personal_data_is_anonymised_after_retention_and_counts_stay(booking, settings):
    settings.BOOKING_RETENTION_DAYS = 30

    assert bookings_anonymise(now=TUESDAY_TEN + timedelta(days=29)) == 0
    assert bookings_anonymise(now=TUESDAY_TEN + timedelta(days=31)) == 1

    booking.refresh_from_db()
    assert (booking.citizen_name, booking.citizen_phone, booking.answers) == ("", "", {})
    assert booking.citizen_email == "anonymised@invalid"
    assert booking.anonymised_at is not None
    assert Booking.objects.filter(case_type=booking.case_type, status="confirmed").count() == 1


def test_waiting_list_entries_are_anonymised_after_retention_and_counts_stay(office, settings):
    settings.BOOKING_RETENTION_DAYS = 30
    entry = WaitingListEntry.objects.create(
        institution=office.tenant.institution,
        case_type=office.case_type,
        first_day=TUESDAY_TEN.date(),
        last_day=TUESDAY_TEN.date(),
        citizen_name="Ewa",
        citizen_email="ewa@example.org",
        citizen_phone="+48 600 000 000",
    )

    assert waiting_list_anonymise(now=TUESDAY_TEN + timedelta(days=30)) == 0
    assert waiting_list_anonymise(now=TUESDAY_TEN + timedelta(days=31)) == 1

    entry.refresh_from_db()
    assert (entry.citizen_name, entry.citizen_phone, entry.citizen_email) == (
        "",
        "",
        "anonymised@invalid",
    )
    assert (entry.status, entry.anonymised_at is not None) == ("ended", True)
    assert WaitingListEntry.objects.filter(case_type=office.case_type).count() == 1
