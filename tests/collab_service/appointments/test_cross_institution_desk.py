"""A person in two institutions never lends one institution's staff the other's visits.

Ewa is an official of institution B with an agenda there, and also an official in a unit of
institution A. A's unit manager and admin run A's desk: they must not see, count or change Ewa's
visits in B — in pages or the API.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail

from collab_service.appointments.models import Agenda, Booking
from collab_service.institutions.models import Membership
from tests.collab_service.appointments.conftest import (
    MONDAY_MORNING,
    Office,
    make_office,
    make_visit,
)
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

MONDAY = MONDAY_MORNING.date()  # the frozen clock's day
TEN = datetime.combine(MONDAY, time(8), tzinfo=UTC)  # 10:00 in Warsaw
TUESDAY = (MONDAY + timedelta(days=1)).isoformat()
PERIOD = {"start": MONDAY.isoformat(), "end": (MONDAY + timedelta(days=6)).isoformat()}


@dataclass
class TwoOffices:
    a: Office
    b: Office
    shared_agenda: Agenda  # Ewa's, in B
    b_visit: Booking


@pytest.fixture
def offices() -> TwoOffices:
    a, b = make_office("A"), make_office("B")
    shared_agenda = b.agendas[1]
    ewa = shared_agenda.official
    MembershipFactory(user=ewa, unit=a.tenant.unit, institution=a.tenant.institution)
    b.case_type.officials.add(ewa)
    b.case_type.name_pl, b.case_type.name_en = "Paszport", "Passport"
    b.case_type.save()
    b_visit = make_visit(b, "confirmed", TEN)
    Booking.objects.filter(pk=b_visit.pk).update(agenda=shared_agenda, citizen_phone="+48 600")
    make_visit(a, "done", TEN)
    return TwoOffices(a, b, shared_agenda, b_visit)


@pytest.fixture(params=["manager", "admin"])
def a_staff(request, offices):
    return getattr(offices.a.tenant, request.param)


def test_the_desk_api_lists_only_own_institutions_agendas(api, offices, a_staff):
    response = api.as_user(a_staff).get("/api/v1/desk/agendas/")

    assert response.status_code == 200
    listed = {agenda["id"] for agenda in response.json()["results"]}
    assert listed == {agenda.pk for agenda in offices.a.agendas}


def test_the_desk_api_refuses_another_institutions_agenda_and_visits(api, offices, a_staff):
    api.as_user(a_staff)
    visit = offices.b_visit
    agenda = offices.shared_agenda.pk

    reads = [
        api.get("/api/v1/desk/bookings/", {"agenda": agenda, **PERIOD}),
        api.get(f"/api/v1/desk/agendas/{agenda}/case-types/"),
        api.get(f"/api/v1/desk/bookings/{visit.pk}/"),
        api.get("/api/v1/desk/blocks/", {"agenda": agenda}),
    ]

    def post(path, data=None):
        return api.post(path, data or {}, format="json")

    writes = [
        post(f"/api/v1/desk/bookings/{visit.pk}/check-in/"),
        post(f"/api/v1/desk/bookings/{visit.pk}/outcome/", {"outcome": "done"}),
        post(f"/api/v1/desk/bookings/{visit.pk}/note/", {"note": "seen"}),
        post(f"/api/v1/desk/bookings/{visit.pk}/cancel/", {"reason": "x"}),
        post("/api/v1/desk/check-in/", {"reference_code": visit.reference_code}),
        post(
            "/api/v1/desk/blocks/",
            {"agenda": agenda, "day": TUESDAY, "start": "10:00", "end": "11:00"},
        ),
        post(
            "/api/v1/desk/bookings/",
            {
                "agenda": agenda,
                "case_type": offices.b.case_type.pk,
                "start": (TEN + timedelta(days=1)).isoformat(),
                "name": "Jan",
                "email": "jan@example.org",
            },
        ),
    ]

    assert [r.status_code for r in reads + writes] == [404] * 11
    visit.refresh_from_db()
    assert (visit.status, visit.checked_in_at, visit.official_note) == ("confirmed", None, "")
    assert Booking.objects.filter(agenda=offices.shared_agenda).count() == 1
    assert not offices.shared_agenda.busy.exists()
    assert mail.outbox == []


def test_the_desk_pages_do_not_offer_or_act_on_another_institutions_visits(
    client, offices, a_staff
):
    client.force_login(a_staff)
    visit = offices.b_visit

    day = client.get("/desk/", {"agenda": offices.shared_agenda.pk, "day": MONDAY.isoformat()})
    week = client.get("/desk/week/", {"agenda": "all", "day": MONDAY.isoformat()})
    cancel = client.post(f"/desk/bookings/{visit.pk}/", {"action": "cancel"})
    check_in = client.post("/desk/check-in/", {"reference_code": visit.reference_code})

    assert offices.shared_agenda not in day.context["agendas"]
    assert visit.citizen_email not in day.content.decode()
    assert visit.citizen_email not in week.content.decode()
    assert cancel.status_code == 404
    assert check_in.status_code in (200, 302)
    visit.refresh_from_db()
    assert (visit.status, visit.checked_in_at) == ("confirmed", None)
    assert mail.outbox == []


def test_statistics_count_only_own_institution(api, offices, a_staff):
    response = api.as_user(a_staff).get("/api/v1/desk/statistics/", PERIOD)

    assert response.status_code == 200
    stats = response.json()
    assert stats["booked"] == 1
    assert [row["name"] for row in stats["by_case_type"]] == ["Dowód osobisty"]
    assert [row["name"] for row in stats["utilisation"]] == ["Dowód osobisty"]


def test_own_agenda_elsewhere_stays_with_its_official(api, offices):
    """Ewa herself still runs her own agenda in B: it is hers, not her A colleagues'."""
    ewa = offices.shared_agenda.official
    assert Membership.objects.filter(user=ewa).count() == 2

    response = api.as_user(ewa).get(f"/api/v1/desk/bookings/{offices.b_visit.pk}/")

    assert response.status_code == 200
