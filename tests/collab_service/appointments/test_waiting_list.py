"""The waiting list: first in line is offered a released time; lapsed offers pass it on."""

import itertools
import re
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail

from collab_service.appointments.errors import SlotInvalid
from collab_service.appointments.models import Booking, WaitingListEntry
from collab_service.appointments.services.bookings import booking_hold, bookings_expire_holds
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.manage import booking_cancel
from collab_service.appointments.services.waiting_list import (
    entry_from_token,
    waiting_join,
    waiting_list_offer,
    waiting_position,
    waiting_token,
    waiting_withdraw,
)
from collab_service.appointments.services.waiting_signal import serve_line
from tests.collab_service.appointments.conftest import MONDAY_MORNING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

Status = WaitingListEntry.Status
MONDAY, TUESDAY = date(2026, 6, 1), date(2026, 6, 2)
TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def client(client):
    client.cookies["collab_language"] = "en"
    return client


@pytest.fixture
def full_tuesday(office):
    """Every official has Tuesday off but one visit at 10:00, which is booked."""
    for agenda in office.agendas:
        agenda.working_hours.filter(weekday=1).update(start_time="10:00", end_time="10:30")
    bookings = []
    for n, agenda in enumerate(office.agendas):
        booking, _ = booking_hold(
            case_type=office.case_type,
            start=datetime(2026, 6, 2, 8, 0, tzinfo=UTC),
            agenda=agenda,
            citizen_name=f"Osoba {n}",
            citizen_email=f"osoba{n}@example.org",
            now=MONDAY_MORNING,
        )
        bookings.append(booking_confirm(booking=booking))
    return bookings


_joining_order = itertools.count(1)


def _join(office, email, first=TUESDAY, last=TUESDAY, **kwargs):
    """Each citizen joins a second after the one before."""
    kwargs.setdefault("now", MONDAY_MORNING - timedelta(hours=1, seconds=-next(_joining_order)))
    entry, _created = waiting_join(
        case_type=office.case_type,
        first_day=first,
        last_day=last,
        citizen_name=email.split("@")[0],
        citizen_email=email,
        **kwargs,
    )
    return entry


def test_nobody_is_offered_anything_while_nothing_is_free(office, full_tuesday):
    entry = _join(office, "ewa@example.org")

    assert waiting_list_offer() == 0

    entry.refresh_from_db()
    assert entry.status == Status.WAITING
    assert waiting_position(entry) == 1


def test_a_cancelled_visit_is_offered_to_the_first_in_line_only(
    office, full_tuesday, django_capture_on_commit_callbacks
):
    first = _join(office, "ewa@example.org")
    second = _join(office, "adam@example.org")
    assert waiting_position(second) == 2
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=full_tuesday[0], reason="Choroba")  # serves the line on commit

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.OFFERED, Status.WAITING)
    offer = first.offer
    assert (offer.status, offer.citizen_email, offer.start) == (
        Booking.Status.HELD,
        "ewa@example.org",
        full_tuesday[0].start,
    )
    assert offer.hold_expires_at == MONDAY_MORNING + timedelta(minutes=240)
    offer_mail = next(m for m in mail.outbox if m.to == ["ewa@example.org"])
    assert "/visits/confirm/" in offer_mail.body
    assert not [m for m in mail.outbox if m.to == ["adam@example.org"]]
    assert waiting_position(second) == 1


def test_an_offer_not_confirmed_in_time_lapses_and_goes_to_the_next(office, full_tuesday):
    first = _join(office, "ewa@example.org")
    second = _join(office, "adam@example.org")
    booking_cancel(booking=full_tuesday[0])
    waiting_list_offer()

    later = MONDAY_MORNING + timedelta(minutes=241)
    assert bookings_expire_holds(now=later) == 1
    waiting_list_offer(now=later)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.LAPSED
    assert second.status == Status.OFFERED
    assert second.offer.start == full_tuesday[0].start


def test_a_confirmed_offer_books_the_visit_and_closes_the_entry(office, full_tuesday):
    entry = _join(office, "ewa@example.org")
    booking_cancel(booking=full_tuesday[0])
    waiting_list_offer()
    entry.refresh_from_db()

    booking_confirm(booking=entry.offer)
    waiting_list_offer()

    entry.refresh_from_db()
    assert entry.status == Status.BOOKED
    assert entry.offer.status == Booking.Status.CONFIRMED


def test_running_the_offers_twice_makes_one_offer(office, full_tuesday):
    entry = _join(office, "ewa@example.org")
    booking_cancel(booking=full_tuesday[0])

    assert waiting_list_offer() == 1
    assert waiting_list_offer() == 0

    assert Booking.objects.filter(citizen_email="ewa@example.org").count() == 1
    entry.refresh_from_db()
    assert entry.status == Status.OFFERED


def test_a_free_time_outside_the_citizens_days_is_not_offered(office, full_tuesday):
    entry = _join(office, "ewa@example.org", first=date(2026, 6, 3), last=date(2026, 6, 3))
    for agenda in office.agendas:
        agenda.working_hours.exclude(weekday=1).delete()
    booking_cancel(booking=full_tuesday[0])

    assert waiting_list_offer() == 0
    entry.refresh_from_db()
    assert entry.status == Status.WAITING


def test_withdrawing_an_offered_entry_releases_the_held_time(office, full_tuesday):
    entry = _join(office, "ewa@example.org")
    booking_cancel(booking=full_tuesday[0])
    waiting_list_offer()
    entry.refresh_from_db()

    waiting_withdraw(entry=entry)

    entry.refresh_from_db()
    assert entry.status == Status.WITHDRAWN
    assert (entry.offer.status, entry.offer.seat) == (Booking.Status.EXPIRED, None)


def test_entries_whose_days_have_passed_end(office, full_tuesday):
    entry = _join(office, "ewa@example.org")

    waiting_list_offer(now=MONDAY_MORNING + timedelta(days=2))

    entry.refresh_from_db()
    assert entry.status == Status.ENDED


def test_joining_again_keeps_the_place_in_line(office):
    first = _join(office, "ewa@example.org")
    again, created = waiting_join(
        case_type=office.case_type,
        first_day=MONDAY,
        last_day=TUESDAY,
        citizen_name="Ewa",
        citizen_email="EWA@example.org",
    )

    assert (again.pk, created) == (first.pk, False)


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (date(2026, 5, 31), TUESDAY, "past"),
        (TUESDAY, MONDAY, "before the first day"),
        (MONDAY, date(2026, 12, 1), "days ahead"),
    ],
)
def test_dates_that_cannot_be_served_are_refused(office, first, last, message):
    with pytest.raises(SlotInvalid, match=message):
        _join(office, "ewa@example.org", first=first, last=last)

    assert not WaitingListEntry.objects.exists()


def test_join_page_puts_the_citizen_in_line_and_mails_the_status_link(
    client, office, full_tuesday, django_capture_on_commit_callbacks
):
    page = client.get(f"/visits/waiting-list/{office.case_type.pk}/")
    assert page.status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/visits/waiting-list/{office.case_type.pk}/",
            {
                "rendered": page.context["form"]["rendered"].value(),
                "first_day": "2026-06-02",
                "last_day": "2026-06-02",
                "name": "Ewa Lis",
                "email": "ewa@example.org",
                "consent": "on",
            },
        )

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    entry = WaitingListEntry.objects.get()
    assert (entry.first_day, entry.last_day, entry.language) == (TUESDAY, TUESDAY, "en")
    (message,) = mail.outbox
    token = re.search(r"/visits/waiting/([^/\s]+)/", message.body).group(1)
    assert entry_from_token(token) == entry


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"first_day": "2026-06-05", "last_day": "2026-06-02"}, "before the first day"),
        ({"first_day": "2026-05-01"}, "in the past"),
        ({"first_day": "not a date"}, "Enter a valid date"),
        ({"email": "not-an-email"}, "valid email"),
        ({"name": "x" * 201}, "at most 200"),
        ({"consent": ""}, "This field is required"),
    ],
)
def test_join_page_answers_bad_input_with_form_errors(client, office, fields, error):
    page = client.get(f"/visits/waiting-list/{office.case_type.pk}/")
    data = {
        "rendered": page.context["form"]["rendered"].value(),
        "first_day": "2026-06-02",
        "last_day": "2026-06-05",
        "name": "Ewa Lis",
        "email": "ewa@example.org",
        "consent": "on",
    }
    data.update(fields)

    response = client.post(f"/visits/waiting-list/{office.case_type.pk}/", data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not WaitingListEntry.objects.exists()


def test_status_page_shows_the_place_and_lets_the_citizen_leave(client, office):
    _join(office, "adam@example.org")
    entry = _join(office, "ewa@example.org")
    url = f"/visits/waiting/{waiting_token(entry)}/"

    page = client.get(url)
    assert page.status_code == 200
    assert page.context["position"] == 2

    client.post(url)
    entry.refresh_from_db()
    assert entry.status == Status.WITHDRAWN


def test_status_page_with_a_forged_link_says_it_is_not_valid(client):
    response = client.get("/visits/waiting/forged-token/")

    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_expiring_holds_serves_the_line_by_itself(
    office, full_tuesday, django_capture_on_commit_callbacks
):
    first = _join(office, "ewa@example.org")
    second = _join(office, "adam@example.org")
    booking_cancel(booking=full_tuesday[0])
    waiting_list_offer()
    later = MONDAY_MORNING + timedelta(minutes=241)

    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        assert bookings_expire_holds(now=later) == 1

    assert [c for c in callbacks if c.__name__ == "serve_line"] == [serve_line]
    second.refresh_from_db()
    assert second.status == Status.OFFERED
    first.refresh_from_db()
    assert first.status == Status.LAPSED
