"""The desk API: an agenda's visits, check-in, outcome, note, cancelling, and who may do it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from collab_service.appointments.models import Agenda, Booking
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm
from tests.collab_service.appointments.conftest import make_office
from tests.conftest import make_tenant

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
BOOKINGS = "/api/v1/desk/bookings/"


def _book(office, start: datetime = TEN, agenda: int = 0, email: str = "ola@example.org"):
    booking, _ = booking_hold(
        case_type=office.case_type,
        start=start,
        agenda=office.agendas[agenda],
        citizen_name="Ola Nowak",
        citizen_email=email,
        citizen_phone="+48 600 100 200",
    )
    return booking_confirm(booking=booking)


@pytest.fixture
def confirmed(office) -> Booking:
    return _book(office)


@pytest.fixture
def official(api, office):
    return api.as_user(office.tenant.official)


def _url(booking: Booking, action: str = "") -> str:
    return f"{BOOKINGS}{booking.pk}/" + (f"{action}/" if action else "")


def test_official_lists_the_days_visits_of_their_agenda(official, confirmed):
    response = official.get(BOOKINGS)

    assert response.status_code == 200
    (visit,) = response.json()["results"]
    assert visit["id"] == str(confirmed.pk)
    assert visit["reference_code"] == confirmed.reference_code
    assert (visit["start"], visit["end"]) == (
        "2026-06-01T10:00:00+02:00",
        "2026-06-01T10:30:00+02:00",
    )
    assert (visit["status"], visit["status_display"]) == ("confirmed", "Confirmed")
    assert (visit["citizen_name"], visit["citizen_email"]) == ("Ola Nowak", "ola@example.org")
    assert visit["citizen_phone"] == "+48 600 100 200"
    assert visit["case_type"]["name"] == "Identity card"
    assert visit["agenda"] == confirmed.agenda_id
    assert visit["location"]["name"] == "Sala obsługi"


def test_a_week_with_a_status_filter(official, office, confirmed):
    later = _book(office, TEN + timedelta(days=2), email="jan@example.org")  # 4 June is a holiday
    _book(office, TEN + timedelta(days=8), email="ewa@example.org")
    Booking.objects.filter(pk=confirmed.pk).update(status="expired")

    week = official.get(BOOKINGS, {"start": "2026-06-01", "end": "2026-06-07"})
    expired = official.get(
        BOOKINGS, {"start": "2026-06-01", "end": "2026-06-07", "status": "expired"}
    )
    both = official.get(
        BOOKINGS + "?start=2026-06-01&end=2026-06-07&status=expired&status=confirmed"
    )

    assert [v["id"] for v in week.json()["results"]] == [str(later.pk)]  # expired hidden
    assert [v["id"] for v in expired.json()["results"]] == [str(confirmed.pk)]
    assert both.json()["count"] == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2026-13-01"}, "start"),
        ({"start": "2026-06-05", "end": "2026-06-01"}, "end"),
        ({"start": "2026-06-01", "end": "2026-06-08"}, "end"),
        ({"start": "9999-12-31"}, "start"),
        ({"end": "0001-01-01"}, "end"),
        ({"agenda": "abc"}, "agenda"),
        ({"agenda": str(10**30)}, "agenda"),
        ({"status": "lost"}, "status"),
    ],
)
def test_bad_list_parameters_are_400(official, query, field):
    response = official.get(BOOKINGS, query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_colleague_sees_only_own_agenda_but_the_manager_the_units(api, office, confirmed):
    colleague = api.as_user(office.agendas[1].official)
    assert colleague.get(BOOKINGS).json()["results"] == []
    assert colleague.get(BOOKINGS, {"agenda": office.agendas[0].pk}).status_code == 404
    assert colleague.get(_url(confirmed)).status_code == 404

    manager = api.as_user(office.tenant.manager)
    listed = manager.get(BOOKINGS, {"agenda": office.agendas[0].pk})
    assert [v["id"] for v in listed.json()["results"]] == [str(confirmed.pk)]


def test_another_institution_gets_404_and_changes_nothing(api, office, confirmed):
    other = make_office("Z")
    admin = api.as_user(other.tenant.admin)

    responses = [
        admin.get(BOOKINGS, {"agenda": office.agendas[0].pk}),
        admin.get(_url(confirmed)),
        admin.post(
            "/api/v1/desk/check-in/", {"reference_code": confirmed.reference_code}, format="json"
        ),
        admin.post(_url(confirmed, "check-in")),
        admin.post(_url(confirmed, "outcome"), {"outcome": "no_show"}, format="json"),
        admin.post(_url(confirmed, "note"), {"note": "x"}, format="json"),
        admin.post(_url(confirmed, "cancel"), {"reason": "x"}, format="json"),
    ]

    assert [r.status_code for r in responses] == [404] * 7
    assert all(r.json()["code"] == "not_found" for r in responses)
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.official_note) == ("confirmed", "")
    assert "Ola Nowak" not in str([r.json() for r in responses])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", BOOKINGS),
        ("post", BOOKINGS),
        ("get", "/api/v1/desk/agendas/"),
        ("post", "/api/v1/desk/check-in/"),
        ("get", "/api/v1/desk/blocks/"),
        ("get", "/api/v1/desk/statistics/"),
        ("get", "/api/v1/desk/statistics.csv"),
    ],
)
def test_anonymous_callers_are_401(api, method, path):
    response = getattr(api, method)(path)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_anonymous_cannot_act_on_a_booking(api, confirmed):
    assert api.post(_url(confirmed, "check-in")).status_code == 401
    assert Booking.objects.get(pk=confirmed.pk).status == "confirmed"


def test_someone_without_an_agenda_is_told_so(api, db):
    tenant = make_tenant("Q")

    response = api.as_user(tenant.official).get(BOOKINGS)

    assert response.status_code == 404
    assert response.json()["message"].startswith("You have no agenda")


def test_admin_without_own_agenda_sees_the_first_of_the_institution(api, office, confirmed):
    _book(office, agenda=1, email="jan@example.org")
    for agenda, name in zip(office.agendas, ["Zenon Zet", "Adam Abacki"], strict=True):
        agenda.official.full_name = name
        agenda.official.save()

    response = api.as_user(office.tenant.admin).get(BOOKINGS)

    assert [v["agenda"] for v in response.json()["results"]] == [office.agendas[1].pk]


def test_check_in_by_code_then_done(official, confirmed):
    checked = official.post(
        "/api/v1/desk/check-in/",
        {"reference_code": f" {confirmed.reference_code.lower()} "},
        format="json",
    )
    done = official.post(_url(confirmed, "outcome"), {"outcome": "done"}, format="json")

    assert checked.status_code == 200
    assert checked.json()["status"] == "checked_in"
    assert checked.json()["checked_in_at"] == "2026-06-01T07:00:00+02:00"
    assert done.json()["status"] == "done"
    assert Booking.objects.get(pk=confirmed.pk).status == "done"


def test_check_in_by_code_bad_input(official, confirmed):
    unknown = official.post("/api/v1/desk/check-in/", {"reference_code": "ZZZZ2222"}, format="json")
    too_long = official.post("/api/v1/desk/check-in/", {"reference_code": "Z" * 13}, format="json")
    missing = official.post("/api/v1/desk/check-in/", {}, format="json")

    assert unknown.status_code == 404
    assert unknown.json()["message"] == "No visit in your agendas has this code."
    assert (too_long.status_code, missing.status_code) == (400, 400)
    assert "reference_code" in too_long.json()["errors"]


def test_a_cancelled_visit_cannot_be_checked_in(official, confirmed):
    Booking.objects.filter(pk=confirmed.pk).update(status="cancelled")

    by_code = official.post(
        "/api/v1/desk/check-in/", {"reference_code": confirmed.reference_code}, format="json"
    )
    by_id = official.post(_url(confirmed, "check-in"))

    assert by_code.status_code == by_id.status_code == 400
    assert by_id.json()["message"] == (
        "Only confirmed visits can be checked in; this one is: Cancelled."
    )
    assert Booking.objects.get(pk=confirmed.pk).status == "cancelled"


def test_outcomes_and_their_rules(official, confirmed):
    bogus = official.post(_url(confirmed, "outcome"), {"outcome": "cancelled"}, format="json")
    checked = official.post(_url(confirmed, "check-in"))
    no_show = official.post(_url(confirmed, "outcome"), {"outcome": "no_show"}, format="json")

    assert bogus.status_code == 400
    assert "outcome" in bogus.json()["errors"]
    assert checked.json()["status"] == "checked_in"
    assert no_show.status_code == 400
    assert no_show.json()["message"] == "A checked-in citizen cannot be marked as not come."
    assert Booking.objects.get(pk=confirmed.pk).status == "checked_in"


def test_no_show_of_a_confirmed_visit(official, confirmed):
    response = official.post(_url(confirmed, "outcome"), {"outcome": "no_show"}, format="json")

    assert response.json()["status"] == "no_show"


def test_note_is_set_and_limited(official, confirmed):
    saved = official.post(_url(confirmed, "note"), {"note": "Przyniesie zdjęcie"}, format="json")
    too_long = official.post(_url(confirmed, "note"), {"note": "x" * 2001}, format="json")

    assert saved.status_code == 200
    assert saved.json()["official_note"] == "Przyniesie zdjęcie"
    assert too_long.status_code == 400
    assert "note" in too_long.json()["errors"]
    assert Booking.objects.get(pk=confirmed.pk).official_note == "Przyniesie zdjęcie"


def test_no_note_after_the_citizens_data_was_erased(official, confirmed):
    Booking.objects.filter(pk=confirmed.pk).update(anonymised_at=TEN)

    response = official.post(_url(confirmed, "note"), {"note": "Jan Kowalski"}, format="json")

    assert response.status_code == 400
    assert Booking.objects.get(pk=confirmed.pk).official_note == ""


def test_official_cancels_with_a_reason_and_the_citizen_is_told(
    official, office, confirmed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = official.post(
            _url(confirmed, "cancel"), {"reason": "Awaria systemu"}, format="json"
        )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cancel_reason"]) == (
        "cancelled",
        "Awaria systemu",
    )
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.seat) == ("cancelled", None)
    assert mail.outbox[-1].to == ["ola@example.org"]
    assert "Awaria systemu" in mail.outbox[-1].body
    assert f"/institutions/{office.tenant.institution.slug}/" in mail.outbox[-1].body


def test_cancel_bad_reason_and_wrong_state(official, confirmed):
    too_long = official.post(_url(confirmed, "cancel"), {"reason": "x" * 501}, format="json")
    Booking.objects.filter(pk=confirmed.pk).update(status="done")
    done = official.post(_url(confirmed, "cancel"), {}, format="json")

    assert too_long.status_code == 400
    assert "reason" in too_long.json()["errors"]
    assert done.status_code == 400
    assert done.json()["message"] == "This visit can no longer be cancelled."
    assert Booking.objects.get(pk=confirmed.pk).status == "done"


@pytest.mark.parametrize(
    "pk",
    [
        "not-a-uuid",
        "00000000-0000-0000-0000-00000000000g",
        "------------------------------------",
        "00000000-0000-0000-0000-000000000000",
    ],
)
def test_odd_booking_ids_are_404(official, pk):
    assert official.get(f"{BOOKINGS}{pk}/").status_code == 404
    assert official.post(f"{BOOKINGS}{pk}/check-in/").status_code == 404


def test_body_that_is_not_json_is_415(official, confirmed):
    response = official.generic(
        "POST", _url(confirmed, "note"), "note=x", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415


def test_agendas_the_caller_may_run(api, office):
    mine = api.as_user(office.tenant.official).get("/api/v1/desk/agendas/").json()["results"]
    units = api.as_user(office.tenant.manager).get("/api/v1/desk/agendas/").json()["results"]
    foreign = api.as_user(make_office("Z").tenant.admin).get("/api/v1/desk/agendas/").json()

    assert [(a["id"], a["own"]) for a in mine] == [(office.agendas[0].pk, True)]
    assert {a["id"] for a in units} == {a.pk for a in office.agendas}
    assert not ({a["id"] for a in foreign["results"]} & {a.pk for a in office.agendas})


def test_case_types_an_agenda_handles(api, office):
    extra = Agenda.objects.create(
        official=office.tenant.admin, institution=office.tenant.institution
    )
    admin = api.as_user(office.tenant.admin)

    handled = admin.get(f"/api/v1/desk/agendas/{office.agendas[0].pk}/case-types/")
    none = admin.get(f"/api/v1/desk/agendas/{extra.pk}/case-types/")
    foreign = api.as_user(make_office("Z").tenant.admin).get(
        f"/api/v1/desk/agendas/{office.agendas[0].pk}/case-types/"
    )

    assert [c["id"] for c in handled.json()["results"]] == [office.case_type.pk]
    assert none.json()["results"] == []
    assert foreign.status_code == 404
