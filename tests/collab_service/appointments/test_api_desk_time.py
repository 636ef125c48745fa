"""The desk API: blocking time, booking for a phone or walk-in citizen, statistics."""

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from collab_service.appointments.api.desk_serializers import dataclass_schema, statistics_data
from collab_service.appointments.models import Agenda, Booking, BusyInterval
from collab_service.appointments.services.slots import case_type_slots
from collab_service.appointments.services.statistics import Statistics
from tests.collab_service.appointments.conftest import make_office, make_visit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
BLOCKS = "/api/v1/desk/blocks/"
BOOKINGS = "/api/v1/desk/bookings/"
STATISTICS = "/api/v1/desk/statistics/"


@pytest.fixture
def official(api, office):
    return api.as_user(office.tenant.official)


def _block(**overrides) -> dict:
    return {"day": "2026-06-01", "start": "10:00", "end": "11:00", "note": "Szkolenie", **overrides}


def test_blocking_time_removes_it_from_availability(official, office):
    response = official.post(BLOCKS, _block(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["start"], body["end"]) == (
        "2026-06-01T10:00:00+02:00",
        "2026-06-01T11:00:00+02:00",
    )
    assert (body["agenda"], body["source"], body["note"]) == (
        office.agendas[0].pk,
        "blocked",
        "Szkolenie",
    )
    assert BusyInterval.objects.get().agenda == office.agendas[0]
    day = date(2026, 6, 1)
    own = [
        slot.start
        for slot in case_type_slots(case_type=office.case_type, first=day, last=day)
        if slot.agenda_id == office.agendas[0].pk
    ]
    assert TEN not in own
    listed = official.get(BLOCKS, {"start": "2026-06-01"}).json()["results"]
    assert [b["id"] for b in listed] == [body["id"]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start": "11:00", "end": "10:00"}, "end"),
        ({"start": "10:00", "end": "10:00"}, "end"),
        ({"day": "9999-12-31"}, "day"),
        ({"day": "2026-02-30"}, "day"),
        ({"start": "25:00"}, "start"),
        ({"note": "x" * 201}, "note"),
        ({"agenda": "x"}, "agenda"),
    ],
)
def test_bad_blocks_are_400_and_block_nothing(official, overrides, field):
    response = official.post(BLOCKS, _block(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not BusyInterval.objects.exists()


def test_blocks_only_in_agendas_the_caller_may_run(api, office):
    colleague = office.agendas[1].pk
    other = make_office("Z")

    by_official = api.as_user(office.tenant.official).post(
        BLOCKS, _block(agenda=colleague), format="json"
    )
    by_foreign_admin = api.as_user(other.tenant.admin).post(
        BLOCKS, _block(agenda=colleague), format="json"
    )
    foreign_list = api.as_user(other.tenant.admin).get(BLOCKS, {"agenda": colleague})
    by_manager = api.as_user(office.tenant.manager).post(
        BLOCKS, _block(agenda=colleague), format="json"
    )

    assert (by_official.status_code, by_foreign_admin.status_code) == (404, 404)
    assert foreign_list.status_code == 404
    assert by_manager.status_code == 201
    assert BusyInterval.objects.get().agenda_id == colleague


def _visitor(office, **overrides) -> dict:
    body = {
        "case_type": office.case_type.pk,
        "start": "2026-06-01T10:00:00+02:00",
        "name": "Jan Telefon",
    }
    return {**body, **overrides}


def test_booking_for_a_phone_caller_without_email(
    official, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = official.post(BOOKINGS, _visitor(office, phone="600 100 200"), format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["citizen_name"], body["citizen_email"]) == (
        "confirmed",
        "Jan Telefon",
        "",
    )
    assert (body["agenda"], body["start"]) == (office.agendas[0].pk, "2026-06-01T10:00:00+02:00")
    booking = Booking.objects.get()
    assert (booking.status, booking.citizen_phone) == ("confirmed", "600 100 200")
    assert mail.outbox == []


def test_booking_for_a_walk_in_with_email_mails_the_confirmation(
    official, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = official.post(
            BOOKINGS, _visitor(office, email="jan@example.org", language="en"), format="json"
        )

    assert response.status_code == 201
    assert Booking.objects.get().language == "en"
    assert mail.outbox[-1].to == ["jan@example.org"]
    assert mail.outbox[-1].subject == f"Your visit is booked: {response.json()['reference_code']}"


def test_a_taken_time_is_409_and_a_time_that_is_no_slot_400(official, office):
    first = official.post(BOOKINGS, _visitor(office), format="json")
    again = official.post(BOOKINGS, _visitor(office), format="json")
    night = official.post(
        BOOKINGS, _visitor(office, start="2026-06-01T03:00:00+02:00"), format="json"
    )
    past_notice = official.post(
        BOOKINGS, _visitor(office, start="2026-06-01T07:30:00+02:00"), format="json"
    )

    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"
    assert (night.status_code, past_notice.status_code) == (400, 400)
    assert night.json()["message"] == "This is not a time you can book for this matter."
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "x" * 201}, "name"),
        ({"name": ""}, "name"),
        ({"email": "not-mail"}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"start": "soon"}, "start"),
        ({"start": "9999-12-31T23:30:00+00:00"}, None),
        ({"case_type": "abc"}, "case_type"),
        ({"case_type": 10**30}, "case_type"),
        ({"case_type": 999999}, "case_type"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_bookings_on_behalf_are_400_and_book_nothing(official, office, overrides, field):
    response = official.post(BOOKINGS, _visitor(office, **overrides), format="json")

    assert response.status_code == 400
    if field:
        assert field in response.json()["errors"]
    assert not Booking.objects.exists()


def test_only_matters_the_agenda_handles_and_only_own_institution(api, office):
    other = make_office("Z")
    admin_agenda = Agenda.objects.create(
        official=office.tenant.admin, institution=office.tenant.institution
    )
    admin = api.as_user(office.tenant.admin)

    foreign_matter = admin.post(
        BOOKINGS, _visitor(office, case_type=other.case_type.pk), format="json"
    )
    not_handled = admin.post(BOOKINGS, _visitor(office, agenda=admin_agenda.pk), format="json")
    foreign_agenda = api.as_user(other.tenant.admin).post(
        BOOKINGS, _visitor(office, agenda=office.agendas[0].pk), format="json"
    )

    assert foreign_matter.status_code == not_handled.status_code == 400
    assert "case_type" in not_handled.json()["errors"]
    assert foreign_agenda.status_code == 404
    assert not Booking.objects.exists()


@pytest.fixture
def visits(office):
    make_visit(office, "done", TEN)
    make_visit(office, "no_show", TEN + timedelta(days=1))
    make_visit(office, "cancelled", TEN + timedelta(days=1))
    make_visit(make_office("Other"), "done", TEN)
    return office


def test_statistics_as_json_for_an_admin(api, visits):
    response = api.as_user(visits.tenant.admin).get(
        STATISTICS, {"start": "2026-06-01", "end": "2026-06-03"}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["first"], body["last"]) == ("2026-06-01", "2026-06-03")
    assert (body["booked"], body["done"], body["no_show"], body["cancelled"]) == (2, 1, 1, 1)
    assert body["no_show_rate"] == 0.5
    assert body["cancellation_rate"] == pytest.approx(1 / 3)
    assert body["by_day"] == [["2026-06-01", 1], ["2026-06-02", 1], ["2026-06-03", 0]]
    assert body["by_case_type"][0]["name"] == "Dowód osobisty"


def test_statistics_default_to_the_last_thirty_days(api, visits):
    body = api.as_user(visits.tenant.manager).get(STATISTICS).json()

    assert (body["first"], body["last"]) == ("2026-05-03", "2026-06-01")
    assert len(body["by_day"]) == 30


def test_statistics_csv_as_the_page_exports_it(api, visits):
    response = api.as_user(visits.tenant.admin).get(
        "/api/v1/desk/statistics.csv",
        {"start": "2026-06-01", "end": "2026-06-02"},
        HTTP_ACCEPT="text/csv",
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["case_type", "booked", "cancelled", "no_show", "done", "not_confirmed"]
    assert rows[1] == ["Dowód osobisty", "2", "1", "1", "1", "0"]


@pytest.mark.parametrize("path", [STATISTICS, "/api/v1/desk/statistics.csv"])
def test_officials_may_not_see_statistics(api, visits, path):
    accept = "text/csv" if path.endswith(".csv") else "application/json"
    response = api.as_user(visits.tenant.official).get(path, HTTP_ACCEPT=accept)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "not-a-date"}, "start"),
        ({"end": "1999-99-99"}, "end"),
        ({"start": "2026-06-05", "end": "2026-06-01"}, "end"),
        ({"start": "2026-06-02"}, "end"),
        ({"start": "2024-01-01", "end": "2026-06-01"}, "start"),
        ({"start": "0001-01-01"}, "start"),
    ],
)
@pytest.mark.parametrize("path", [STATISTICS, "/api/v1/desk/statistics.csv"])
def test_bad_statistics_periods_are_400(api, visits, query, field, path):
    response = api.as_user(visits.tenant.admin).get(path, query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_new_statistics_fields_flow_into_the_json_and_the_schema():
    @dataclass
    class Extended(Statistics):
        utilisation: float | None = None

        @property
        def free_slots(self) -> int:
            return 7

    stats = Extended(first=date(2026, 6, 1), last=date(2026, 6, 1), utilisation=0.5)

    data = statistics_data(stats)
    schema = dataclass_schema(Extended)

    assert (data["utilisation"], data["free_slots"], data["booked"]) == (0.5, 7, 0)
    assert schema["properties"]["utilisation"] == {"type": "number", "nullable": True}
    assert schema["properties"]["free_slots"] == {"type": "integer"}
    assert set(schema["properties"]) == set(data)
