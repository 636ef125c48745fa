"""Visit statistics: counts by matter and day, rates, lead time, CSV, and who may see them."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from collab_service.appointments.models import Booking
from tests.collab_service.appointments.conftest import make_office

pytestmark = pytest.mark.django_db

MONDAY_TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def _visit(office, status: str, start: datetime, made_days_before: int = 2) -> Booking:
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


@pytest.fixture
def visits(office):
    _visit(office, "done", MONDAY_TEN, made_days_before=1)
    _visit(office, "done", MONDAY_TEN + timedelta(hours=1), made_days_before=3)
    _visit(office, "no_show", MONDAY_TEN + timedelta(days=1), made_days_before=5)
    _visit(office, "cancelled", MONDAY_TEN + timedelta(days=1))
    _visit(office, "expired", MONDAY_TEN + timedelta(days=2))
    other = make_office("Other")
    _visit(other, "done", MONDAY_TEN)
    return office


def test_admin_sees_counts_rates_and_lead_time_of_own_institution(client, visits):
    client.force_login(visits.tenant.admin)
    client.cookies["collab_language"] = "en"

    response = client.get("/desk/statistics/", {"start": "2026-06-01", "end": "2026-06-07"})

    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.booked, stats.cancelled, stats.no_show, stats.done) == (3, 1, 1, 2)
    assert response.context["no_show_percent"] == 33
    assert response.context["cancellation_percent"] == 25
    assert stats.lead_time_median_days == 3.0
    assert stats.by_day[:3] == [
        (datetime(2026, 6, 1).date(), 2),
        (datetime(2026, 6, 2).date(), 1),
        (datetime(2026, 6, 3).date(), 0),
    ]
    (row,) = stats.by_case_type
    assert (row.booked, row.cancelled, row.no_show, row.done, row.expired) == (3, 1, 1, 2, 1)


def test_csv_export(client, visits):
    client.force_login(visits.tenant.admin)

    response = client.get("/desk/statistics.csv", {"start": "2026-06-01", "end": "2026-06-02"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["case_type", "booked", "cancelled", "no_show", "done", "not_confirmed"]
    assert rows[1] == ["Dowód osobisty", "3", "1", "1", "2", "0"]
    assert ["2026-06-01", "2"] in rows


def test_officials_may_not_see_statistics(client, visits):
    client.force_login(visits.tenant.official)

    assert client.get("/desk/statistics/").status_code == 403


def test_bad_period_parameters_fall_back_to_a_valid_period(client, visits):
    client.force_login(visits.tenant.manager)

    response = client.get("/desk/statistics/", {"start": "not-a-date", "end": "1999-99-99"})

    assert response.status_code == 200
    assert len(response.context["stats"].by_day) == 30
