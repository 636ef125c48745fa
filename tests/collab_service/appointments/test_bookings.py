"""Holding seats: capacity, validity of the time, idempotency, fairness, expiry."""

from datetime import UTC, date, datetime, timedelta

import pytest

from collab_service.appointments.errors import SlotInvalid, SlotUnavailable
from collab_service.appointments.models import Booking
from collab_service.appointments.services.bookings import booking_hold, bookings_expire_holds
from collab_service.appointments.services.slots import case_type_slots
from tests.collab_service.appointments.conftest import MONDAY_MORNING, make_office

pytestmark = pytest.mark.django_db

TEN_LOCAL = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # 10:00 in Warsaw


def hold(office, start=TEN_LOCAL, **kwargs):
    values = {
        "case_type": office.case_type,
        "start": start,
        "citizen_name": "Ola",
        "citizen_email": "ola@example.org",
        "now": MONDAY_MORNING,
    }
    values.update(kwargs)
    return booking_hold(**values)


def test_hold_takes_a_seat_for_a_while(office):
    booking, created = hold(office, agenda=office.agendas[0])

    assert created
    assert (booking.status, booking.seat, booking.location) == ("held", 1, office.location)
    assert booking.end - booking.start == timedelta(minutes=30)
    assert booking.hold_expires_at == MONDAY_MORNING + timedelta(minutes=15)
    assert len(booking.reference_code) == 8


def test_named_official_cannot_be_booked_twice(office):
    hold(office, agenda=office.agendas[0])

    with pytest.raises(SlotUnavailable):
        hold(office, agenda=office.agendas[0], citizen_email="jan@example.org")


def test_any_official_spreads_bookings_and_then_the_slot_is_full(office):
    first, _ = hold(office)
    second, _ = hold(office, citizen_email="jan@example.org")

    assert {first.agenda_id, second.agenda_id} == {a.pk for a in office.agendas}
    with pytest.raises(SlotUnavailable):
        hold(office, citizen_email="ewa@example.org")


def test_group_slot_takes_capacity_people(db):
    office = make_office("G", officials=1, capacity=3)

    seats = [hold(office, citizen_email=f"p{n}@example.org")[0].seat for n in range(3)]

    assert seats == [1, 2, 3]
    with pytest.raises(SlotUnavailable):
        hold(office, citizen_email="late@example.org")


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 6, 1, 3, 0, tzinfo=UTC),  # 05:00 local: before hours
        datetime(2026, 6, 1, 8, 10, tzinfo=UTC),  # not on the slot grid
        datetime(2026, 6, 1, 5, 30, tzinfo=UTC),  # inside the minimum notice
        datetime(2026, 5, 29, 8, 0, tzinfo=UTC),  # in the past
        datetime(2026, 6, 6, 8, 0, tzinfo=UTC),  # Saturday
        datetime(2026, 6, 4, 8, 0, tzinfo=UTC),  # Corpus Christi, a public holiday
        datetime(2026, 9, 1, 8, 0, tzinfo=UTC),  # beyond the 60-day horizon
    ],
)
def test_times_that_are_not_slots_are_invalid(office, start):
    with pytest.raises(SlotInvalid):
        hold(office, start=start)

    assert not Booking.objects.exists()


def test_repeated_idempotency_key_returns_the_first_booking(office):
    first, created_first = hold(office, idempotency_key="abc")
    again, created_again = hold(office, idempotency_key="abc", citizen_email="x@example.org")

    assert (created_first, created_again) == (True, False)
    assert again.pk == first.pk
    assert Booking.objects.count() == 1


def test_expired_hold_frees_the_seat(office):
    booking, _ = hold(office, agenda=office.agendas[0])

    assert bookings_expire_holds(now=MONDAY_MORNING + timedelta(minutes=16)) == 1

    booking.refresh_from_db()
    assert (booking.status, booking.seat) == ("expired", None)
    again, _ = hold(office, agenda=office.agendas[0], citizen_email="jan@example.org")
    assert again.seat == 1


def test_availability_reflects_a_new_booking_despite_the_cache(office):
    day = date(2026, 6, 1)
    before = case_type_slots(case_type=office.case_type, first=day, last=day, now=MONDAY_MORNING)
    hold(office, agenda=office.agendas[0])
    after = case_type_slots(case_type=office.case_type, first=day, last=day, now=MONDAY_MORNING)

    def at_ten(slots):
        return {s.agenda_id for s in slots if s.start == TEN_LOCAL}

    assert at_ten(before) == {a.pk for a in office.agendas}
    assert at_ten(after) == {office.agendas[1].pk}
    assert min(s.start for s in after) == MONDAY_MORNING + timedelta(hours=1)
