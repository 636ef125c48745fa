from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from unittest import mock

import pytest

from collab_service.appointments.models import Agenda, Booking, CaseType, Location, WorkingHours
from tests.conftest import Tenant, make_tenant
from tests.factories import MembershipFactory

MONDAY_MORNING = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)  # 07:00 in Warsaw


@dataclass
class Office:
    tenant: Tenant
    case_type: CaseType
    location: Location
    agendas: list[Agenda]


def make_office(name: str = "A", *, officials: int = 2, capacity: int = 1) -> Office:
    tenant = make_tenant(name)
    location = Location.objects.create(institution=tenant.institution, name="Sala obsługi")
    case_type = CaseType.objects.create(
        institution=tenant.institution,
        slug="dowod",
        name_pl="Dowód osobisty",
        name_en="Identity card",
        duration_minutes=30,
        min_notice_minutes=60,
        capacity=capacity,
    )
    case_type.units.add(tenant.unit)
    agendas = []
    people = [tenant.official] + [
        MembershipFactory(unit=tenant.unit).user for _ in range(officials - 1)
    ]
    for person in people:
        agenda = Agenda.objects.create(official=person, institution=tenant.institution)
        for weekday in range(5):
            WorkingHours.objects.create(
                agenda=agenda,
                location=location,
                weekday=weekday,
                start_time=time(8),
                end_time=time(16),
            )
        agendas.append(agenda)
    return Office(tenant, case_type, location, agendas)


@pytest.fixture
def office(db) -> Office:
    return make_office()


@pytest.fixture
def frozen_now():
    """The service's clock stopped at Monday 1 June 2026, 07:00 in Warsaw."""
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        yield MONDAY_MORNING


def make_visit(office: Office, status: str, start: datetime, made_days_before: int = 2) -> Booking:
    """A 30-minute visit with the first official in any status, made some days before it."""
    booking = Booking.objects.create(
        institution=office.tenant.institution,
        case_type=office.case_type,
        agenda=office.agendas[0],
        mode="in_person",
        start=start,
        end=start + timedelta(minutes=30),
        block_start=start,
        block_end=start + timedelta(minutes=30),
        status=status,
        reference_code=f"R{Booking.objects.count():07d}",
        citizen_name="X",
        citizen_email="x@example.org",
    )
    Booking.objects.filter(pk=booking.pk).update(
        created_at=start - timedelta(days=made_days_before)
    )
    return booking
