"""Every edit on the set-up pages shows in the (cached) availability at once."""

import itertools
from datetime import date, timedelta
from unittest import mock

import pytest

from collab_service.appointments.models import Agenda, CaseType, Location, WorkingHours
from collab_service.appointments.services.slots import case_type_slots
from tests.collab_service.appointments.conftest import MONDAY_MORNING
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ticking_now")]

TUESDAY = date(2026, 6, 2)
SATURDAY = date(2026, 6, 6)
SUNDAY = date(2026, 6, 7)


@pytest.fixture
def ticking_now():
    """Monday 1 June 2026, 07:00 in Warsaw, a millisecond later at every reading: a stopped clock
    would give every save the same ``updated_at``, which no real clock does."""
    ticks = itertools.count()
    with mock.patch(
        "django.utils.timezone.now",
        side_effect=lambda: MONDAY_MORNING + timedelta(milliseconds=next(ticks)),
    ):
        yield


def _url(office, rest: str = "") -> str:
    return f"/desk/setup/{office.tenant.institution.slug}/{rest}"


def free(office, day: date) -> list:
    """Slots as citizens see them, read through the cache like every other reader."""
    case_type = CaseType.objects.get(pk=office.case_type.pk)
    return case_type_slots(case_type=case_type, first=day, last=day)


def public(client, office, day: date) -> list[dict]:
    response = client.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": day.isoformat(), "end": day.isoformat()},
    )
    return response.json() if response.status_code == 200 else response.status_code


@pytest.fixture
def admin(client, office):
    client.force_login(office.tenant.admin)
    return client


def test_working_hours_added_edited_moved_and_removed(admin, office):
    hours = _url(office, f"agendas/{office.agendas[0].pk}/hours/")
    other = Location.objects.create(institution=office.tenant.institution, name="Filia")
    assert free(office, SATURDAY) == []

    admin.post(hours + "add/", {"weekday": "5", "start_time": "09:00", "end_time": "12:00"})
    assert len(free(office, SATURDAY)) == 6
    row = WorkingHours.objects.get(weekday=5)
    admin.post(
        hours + f"{row.pk}/",
        {"weekday": "5", "start_time": "09:00", "end_time": "13:00", "location": other.pk},
    )
    assert [(s.location_id) for s in free(office, SATURDAY)] == [other.pk] * 8
    admin.post(hours + f"{row.pk}/delete/")
    assert free(office, SATURDAY) == []


def test_leave_and_its_removal(admin, office):
    agenda = office.agendas[0]
    assert {s.agenda_id for s in free(office, TUESDAY)} == {a.pk for a in office.agendas}

    admin.post(
        _url(office, f"agendas/{agenda.pk}/exceptions/add/"),
        {"kind": "leave", "first_day": "2026-06-02"},
    )
    assert {s.agenda_id for s in free(office, TUESDAY)} == {office.agendas[1].pk}
    leave = agenda.exceptions.get()
    admin.post(_url(office, f"agendas/{agenda.pk}/exceptions/{leave.pk}/delete/"))
    assert {s.agenda_id for s in free(office, TUESDAY)} == {a.pk for a in office.agendas}


def test_extra_hours(admin, office):
    assert free(office, SUNDAY) == []

    admin.post(
        _url(office, f"agendas/{office.agendas[1].pk}/exceptions/add/"),
        {
            "kind": "extra",
            "first_day": "2026-06-07",
            "start_time": "10:00",
            "end_time": "11:00",
            "location": office.location.pk,
        },
    )

    slots = free(office, SUNDAY)
    assert [(s.agenda_id, s.location_id) for s in slots] == [
        (office.agendas[1].pk, office.location.pk)
    ] * 2


def test_closure_of_the_institution_and_its_removal(admin, client, office):
    assert len(free(office, TUESDAY)) == 32
    assert len(public(client, office, TUESDAY)) == 32

    admin.post(_url(office, "closures/add/"), {"kind": "closure", "first_day": "2026-06-02"})
    assert free(office, TUESDAY) == []
    assert public(client, office, TUESDAY) == []
    closure = office.tenant.institution.availabilityexception_set.get()
    admin.post(_url(office, f"closures/{closure.pk}/delete/"))
    assert len(free(office, TUESDAY)) == 32


def _case_type_data(office, **changes) -> dict:
    data = {
        "name_pl": "Dowód osobisty",
        "slug": "dowod",
        "duration_minutes": "30",
        "buffer_before_minutes": "0",
        "buffer_after_minutes": "0",
        "min_notice_minutes": "60",
        "horizon_days": "60",
        "capacity": "1",
        "mode": "in_person",
        "units": [office.tenant.unit.pk],
    }
    data.update(changes)
    return data


def test_case_type_rules_and_handlers(admin, client, office):
    edit = _url(office, f"case-types/{office.case_type.pk}/")
    assert len(free(office, TUESDAY)) == 32
    assert len(public(client, office, TUESDAY)) == 32

    admin.post(edit, _case_type_data(office, duration_minutes="60"))
    assert len(free(office, TUESDAY)) == 16
    assert len(public(client, office, TUESDAY)) == 16
    admin.post(edit, _case_type_data(office, capacity="3"))
    assert {s.seats_left for s in free(office, TUESDAY)} == {3}
    admin.post(edit, _case_type_data(office, units=[], officials=[office.agendas[1].official_id]))
    assert {s.agenda_id for s in free(office, TUESDAY)} == {office.agendas[1].pk}
    admin.post(edit, _case_type_data(office, units=[]))
    assert free(office, TUESDAY) == []
    admin.post(edit, _case_type_data(office, units=[], horizon_days="1"))
    assert free(office, date(2026, 6, 3)) == []


def test_a_deactivated_case_type_has_no_public_availability(admin, client, office):
    assert len(public(client, office, TUESDAY)) == 32

    admin.post(_url(office, f"case-types/{office.case_type.pk}/active/"), {"active": "0"})
    assert public(client, office, TUESDAY) == 404
    admin.post(_url(office, f"case-types/{office.case_type.pk}/active/"), {"active": "1"})
    assert len(public(client, office, TUESDAY)) == 32


def test_a_new_official_of_the_unit_is_offered_once_they_have_hours(admin, office):
    newcomer = MembershipFactory(unit=office.tenant.unit).user
    assert len(free(office, SATURDAY)) == 0

    admin.post(_url(office, f"officials/{newcomer.pk}/receive/"))
    agenda = Agenda.objects.get(official=newcomer)
    admin.post(
        _url(office, f"agendas/{agenda.pk}/hours/add/"),
        {"weekday": "5", "start_time": "10:00", "end_time": "11:00"},
    )

    assert [s.agenda_id for s in free(office, SATURDAY)] == [agenda.pk] * 2
