"""Visit statistics: counts by matter and day, rates, lead time, CSV, and who may see them."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from collab_service.appointments.models import Agenda, Booking, WaitingListEntry
from tests.collab_service.appointments.conftest import make_office, make_visit
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

MONDAY_TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def visits(office):
    make_visit(office, "done", MONDAY_TEN, made_days_before=1)
    make_visit(office, "done", MONDAY_TEN + timedelta(hours=1), made_days_before=3)
    make_visit(office, "no_show", MONDAY_TEN + timedelta(days=1), made_days_before=5)
    make_visit(office, "cancelled", MONDAY_TEN + timedelta(days=1))
    make_visit(office, "expired", MONDAY_TEN + timedelta(days=2))
    other = make_office("Other")
    make_visit(other, "done", MONDAY_TEN)
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


def test_visits_by_unit_use_of_offered_times_and_the_waiting_list(client, visits):
    tz_start = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    waiting = WaitingListEntry.objects.create(
        institution=visits.tenant.institution,
        case_type=visits.case_type,
        first_day=tz_start.date(),
        last_day=tz_start.date(),
        citizen_name="W",
        citizen_email="w@example.org",
        created_at=tz_start,
    )
    WaitingListEntry.objects.create(
        institution=visits.tenant.institution,
        case_type=visits.case_type,
        first_day=tz_start.date(),
        last_day=tz_start.date(),
        citizen_name="V",
        citizen_email="v@example.org",
        created_at=tz_start,
        status=WaitingListEntry.Status.BOOKED,
        offered_at=tz_start + timedelta(hours=5),
    )
    client.force_login(visits.tenant.admin)

    response = client.get("/desk/statistics/", {"start": "2026-06-01", "end": "2026-06-07"})

    stats = response.context["stats"]
    assert stats.by_unit == [(visits.tenant.unit.name, 3)]
    (row,) = stats.utilisation
    # Monday to Friday but Corpus Christi (4 June), 16 half-hours a day, two officials.
    assert (row.offered, row.booked, row.percent) == (4 * 16 * 2, 3, 2)
    figures = stats.waiting
    assert (figures.joined, figures.waiting_now, figures.offered, figures.booked) == (2, 1, 1, 1)
    assert figures.median_hours_to_offer == 5.0
    assert waiting.status == WaitingListEntry.Status.WAITING
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/desk/statistics.csv", {"start": "2026-06-01", "end": "2026-06-07"}
                ).content.decode()
            )
        )
    )
    assert ["Dowód osobisty", "128", "3", "2"] in csv_rows
    assert ["", "2", "1", "1", "1", "5.0"] in csv_rows


def test_a_unit_manager_counts_only_the_unit(client, visits):
    elsewhere = visits.tenant.other_unit
    colleague = MembershipFactory(unit=elsewhere).user
    agenda = Agenda.objects.create(official=colleague, institution=visits.tenant.institution)
    elsewhere_visit = make_visit(visits, "done", MONDAY_TEN)
    Booking.objects.filter(pk=elsewhere_visit.pk).update(agenda=agenda)

    client.force_login(visits.tenant.manager)
    manager_view = client.get("/desk/statistics/", {"start": "2026-06-01", "end": "2026-06-07"})
    client.force_login(visits.tenant.admin)
    admin_view = client.get("/desk/statistics/", {"start": "2026-06-01", "end": "2026-06-07"})

    assert manager_view.context["stats"].by_unit == [(visits.tenant.unit.name, 3)]
    assert manager_view.context["stats"].booked == 3
    assert sorted(admin_view.context["stats"].by_unit) == sorted(
        [(visits.tenant.unit.name, 3), (elsewhere.name, 1)]
    )


def test_csv_cells_typed_by_people_never_run_as_formulas(client, visits):
    """Matter and unit names are typed by admins: a spreadsheet must show them as text."""
    visits.case_type.name_pl = '=HYPERLINK("http://evil.example","Kliknij")'
    visits.case_type.save()
    visits.tenant.unit.name = "@SUM(1+1)"
    visits.tenant.unit.save()
    client.force_login(visits.tenant.admin)

    week = {"start": MONDAY_TEN.date().isoformat(), "end": f"{MONDAY_TEN + timedelta(days=6):%F}"}
    response = client.get("/desk/statistics.csv", week)

    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert '\'=HYPERLINK("http://evil.example","Kliknij")' in cells
    assert "'@SUM(1+1)" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)
