"""Cached availability answers change as soon as anything they depend on changes.

Each test reads availability once (filling every cache), changes one thing the way the admin or
a service would, and reads again.
"""

from datetime import UTC, datetime, time, timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collab_service.appointments.models import (
    Agenda,
    AvailabilityException,
    Booking,
    BusyInterval,
    WorkingHours,
)
from collab_service.appointments.services import generations
from collab_service.appointments.services.bookings import bookings_expire_holds
from collab_service.appointments.services.manage import booking_cancel
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)  # Monday 07:00 in Warsaw
TEN = "2026-06-01T10:00:00+02:00"
TEN_UTC = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def free(api, office) -> set[tuple[str, int]]:
    response = api.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": "2026-06-01", "end": "2026-06-01"},
    )
    assert response.status_code == 200
    return {(slot["start"], slot["official"]) for slot in response.json()}


def book(api, office, email: str = "ola@example.org", **extra):
    body = {"case_type": office.case_type.pk, "start": TEN, "name": "Ola", "consent": True}
    return api.post("/api/v1/public/bookings/", {**body, "email": email, **extra}, format="json")


def test_shortened_working_hours_remove_slots(api, office):
    first = office.agendas[0]
    assert (TEN, first.pk) in free(api, office)

    hours = WorkingHours.objects.get(agenda=first, weekday=0)
    hours.end_time = time(9)
    hours.save()

    after = free(api, office)
    assert (TEN, first.pk) not in after
    assert (TEN, office.agendas[1].pk) in after


def test_busy_time_added_and_removed_in_the_admin(api, office):
    first = office.agendas[0]
    assert (TEN, first.pk) in free(api, office)

    busy = BusyInterval.objects.create(
        agenda=first, start=TEN_UTC, end=TEN_UTC + timedelta(hours=1)
    )
    assert (TEN, first.pk) not in free(api, office)

    busy.delete()
    assert (TEN, first.pk) in free(api, office)


def test_busy_time_moved_to_another_official_frees_the_first(api, office):
    first, second = office.agendas
    busy = BusyInterval.objects.create(
        agenda=first, start=TEN_UTC, end=TEN_UTC + timedelta(hours=1)
    )
    assert (TEN, first.pk) not in free(api, office)

    busy.agenda = second
    busy.save()

    after = free(api, office)
    assert (TEN, first.pk) in after
    assert (TEN, second.pk) not in after


def test_closure_of_the_whole_institution(api, office):
    assert free(api, office)

    AvailabilityException.objects.create(
        institution=office.tenant.institution,
        kind=AvailabilityException.Kind.CLOSURE,
        start=NOW,
        end=NOW + timedelta(days=1),
    )

    assert free(api, office) == set()


def test_official_named_on_the_case_type_is_offered_at_once(api, office):
    assert free(api, office)
    newcomer = MembershipFactory(unit=office.tenant.other_unit).user
    agenda = Agenda.objects.create(official=newcomer, institution=office.tenant.institution)
    WorkingHours.objects.create(agenda=agenda, weekday=0, start_time=time(8), end_time=time(16))
    assert agenda.pk not in {official for _, official in free(api, office)}

    office.case_type.officials.add(newcomer)

    assert (TEN, agenda.pk) in free(api, office)


def test_official_moved_out_of_the_unit_is_no_longer_offered(api, office):
    second = office.agendas[1]
    assert (TEN, second.pk) in free(api, office)

    membership = second.official.memberships.get()
    membership.unit = office.tenant.other_unit
    membership.save()

    assert second.pk not in {official for _, official in free(api, office)}


@pytest.mark.parametrize("what", ["case type", "institution"])
def test_deactivated_case_type_or_institution_is_404(api, office, what):
    assert free(api, office)

    changed = office.case_type if what == "case type" else office.tenant.institution
    changed.is_active = False
    changed.save()

    response = api.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": "2026-06-01", "end": "2026-06-01"},
    )
    assert response.status_code == 404


def test_longer_visits_change_the_slots(api, office):
    assert (TEN, office.agendas[0].pk) in free(api, office)

    office.case_type.duration_minutes = 45
    office.case_type.save()

    starts = {start for start, _ in free(api, office)}
    assert "2026-06-01T08:45:00+02:00" in starts
    assert TEN not in starts


def test_cancelled_and_expired_holds_give_the_slot_back(api, office):
    first = office.agendas[0]
    assert book(api, office, official=first.pk).status_code == 201
    assert (TEN, first.pk) not in free(api, office)

    booking_cancel(booking=Booking.objects.get())
    assert (TEN, first.pk) in free(api, office)

    assert book(api, office, email="jan@example.org", official=first.pk).status_code == 201
    assert (TEN, first.pk) not in free(api, office)
    bookings_expire_holds(now=NOW + timedelta(hours=1))
    assert (TEN, first.pk) in free(api, office)


def test_full_slot_is_refused_from_the_cache_without_locking(api, office):
    assert book(api, office).status_code == 201
    assert book(api, office, email="jan@example.org").status_code == 201

    with CaptureQueriesContext(connection) as queries:
        third = book(api, office, email="ewa@example.org")

    assert (third.status_code, third.json()["code"]) == (409, "conflict")
    assert not any("FOR UPDATE" in query["sql"] for query in queries.captured_queries)
    assert Booking.objects.count() == 2


def test_a_lost_generation_number_never_brings_back_an_old_answer(api, office):
    second = office.agendas[1]
    assert (TEN, second.pk) in free(api, office)
    # A change the signals do not see (a bulk update), then the cache loses the number.
    second.official.memberships.update(unit=office.tenant.other_unit)
    cache.delete(generations.STRUCTURE_KEY)

    assert second.pk not in {official for _, official in free(api, office)}
