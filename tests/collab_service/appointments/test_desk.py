"""The officials' desk: the day's visits, check-in by code, outcomes, cancelling, blocked time."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core import mail

from collab_service.appointments.models import Booking, BusyInterval
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.slots import case_type_slots
from tests.collab_service.appointments.conftest import make_office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def confirmed(office) -> Booking:
    booking, _ = booking_hold(
        case_type=office.case_type,
        start=TEN,
        agenda=office.agendas[0],
        citizen_name="Ola Nowak",
        citizen_email="ola@example.org",
    )
    return booking_confirm(booking=booking)


def test_official_sees_the_days_visits(client, office, confirmed):
    client.force_login(office.tenant.official)

    response = client.get("/desk/", {"day": "2026-06-01"})

    assert response.status_code == 200
    assert list(response.context["bookings"]) == [confirmed]
    assert "Ola Nowak" in response.content.decode()


def test_check_in_by_code_then_record_that_the_citizen_came(client, office, confirmed):
    client.force_login(office.tenant.official)

    client.post("/desk/check-in/", {"reference_code": confirmed.reference_code.lower()})
    confirmed.refresh_from_db()
    assert confirmed.status == "checked_in"
    client.post(f"/desk/bookings/{confirmed.pk}/", {"action": "done"})
    confirmed.refresh_from_db()
    assert confirmed.status == "done"


def test_no_show_and_invalid_transitions(client, office, confirmed):
    client.force_login(office.tenant.official)

    client.post(f"/desk/bookings/{confirmed.pk}/", {"action": "no_show"})
    confirmed.refresh_from_db()
    assert confirmed.status == "no_show"
    response = client.post(f"/desk/bookings/{confirmed.pk}/", {"action": "check_in"}, follow=True)
    assert (
        any(
            "checked in" in str(m) or "zgłos" in str(m).lower()
            for m in response.context["messages"]
        )
        or confirmed.status == "no_show"
    )
    confirmed.refresh_from_db()
    assert confirmed.status == "no_show"


def test_official_cancels_with_a_reason_and_the_citizen_is_told(
    client, office, confirmed, django_capture_on_commit_callbacks
):
    client.force_login(office.tenant.official)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/desk/bookings/{confirmed.pk}/", {"action": "cancel", "reason": "Awaria systemu"}
        )

    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.cancel_reason) == ("cancelled", "Awaria systemu")
    assert "Awaria systemu" in mail.outbox[-1].body
    assert f"/institutions/{office.tenant.institution.slug}/" in mail.outbox[-1].body


def test_blocking_time_removes_it_from_availability(client, office):
    client.force_login(office.tenant.official)
    day = datetime(2026, 6, 1).date()

    client.post(
        "/desk/block/",
        {
            "agenda": office.agendas[0].pk,
            "day": "2026-06-01",
            "start": "10:00",
            "end": "11:00",
            "note": "Szkolenie",
        },
    )

    assert BusyInterval.objects.get().note == "Szkolenie"
    own = [
        s.start
        for s in case_type_slots(case_type=office.case_type, first=day, last=day)
        if s.agenda_id == office.agendas[0].pk
    ]
    assert TEN not in own


def test_block_with_end_before_start_is_refused(client, office):
    client.force_login(office.tenant.official)

    response = client.post(
        "/desk/block/",
        {"agenda": office.agendas[0].pk, "day": "2026-06-01", "start": "11:00", "end": "10:00"},
        follow=True,
    )

    assert response.status_code == 200
    assert not BusyInterval.objects.exists()


def test_officials_of_another_institution_cannot_touch_the_booking(client, office, confirmed):
    other = make_office("Z")
    client.force_login(other.tenant.admin)

    checked = client.post("/desk/check-in/", {"reference_code": confirmed.reference_code})
    acted = client.post(f"/desk/bookings/{confirmed.pk}/", {"action": "cancel"})
    page = client.get("/desk/", {"agenda": office.agendas[0].pk, "day": "2026-06-01"})

    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"
    assert checked.status_code == 302
    assert acted.status_code == 404
    assert "Ola Nowak" not in page.content.decode()


def test_colleague_official_sees_only_own_agenda_but_manager_sees_the_unit(
    client, office, confirmed
):
    colleague = office.agendas[1].official
    client.force_login(colleague)
    assert (
        "Ola Nowak"
        not in client.get(
            "/desk/", {"agenda": office.agendas[0].pk, "day": "2026-06-01"}
        ).content.decode()
    )
    client.force_login(office.tenant.manager)
    assert (
        "Ola Nowak"
        in client.get(
            "/desk/", {"agenda": office.agendas[0].pk, "day": "2026-06-01"}
        ).content.decode()
    )


@pytest.mark.parametrize("pk", ["00000000-0000-0000-0000-00000000000g", "not-a-uuid"])
def test_odd_booking_ids_are_404(client, office, pk):
    client.force_login(office.tenant.official)

    assert client.post(f"/desk/bookings/{pk}/", {"action": "done"}).status_code == 404


def test_official_books_for_a_phone_caller_without_email(client, office):
    client.force_login(office.tenant.official)
    url = (
        f"/desk/book/?agenda={office.agendas[0].pk}&case_type={office.case_type.pk}&day=2026-06-01"
    )

    page = client.get(url)
    start = page.context["form"].fields["start"].choices[0][0]
    response = client.post(
        url,
        {
            "agenda": office.agendas[0].pk,
            "case_type": office.case_type.pk,
            "day": "2026-06-01",
            "start": start,
            "name": "Jan Telefon",
            "phone": "+48 600 100 200",
        },
    )

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.status, booking.citizen_email, booking.agenda) == (
        "confirmed",
        "",
        office.agendas[0],
    )
    assert mail.outbox == []


def test_booking_for_a_caller_with_email_sends_the_confirmation(
    client, office, django_capture_on_commit_callbacks
):
    client.force_login(office.tenant.official)
    url = (
        f"/desk/book/?agenda={office.agendas[0].pk}&case_type={office.case_type.pk}&day=2026-06-01"
    )
    start = client.get(url).context["form"].fields["start"].choices[0][0]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"start": start, "name": "Ewa", "email": "ewa@example.org"})

    assert [m.to for m in mail.outbox] == [["ewa@example.org"]]


def test_time_not_offered_is_a_form_error(client, office):
    client.force_login(office.tenant.official)
    url = (
        f"/desk/book/?agenda={office.agendas[0].pk}&case_type={office.case_type.pk}&day=2026-06-01"
    )

    response = client.post(url, {"start": "2026-06-01T03:00:00+00:00", "name": "X"})

    assert response.status_code == 200
    assert "start" in response.context["form"].errors
    assert not Booking.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-02-30"])
def test_dates_at_the_ends_of_the_calendar_fall_back_to_today(client, office, day):
    client.force_login(office.tenant.admin)

    pages = [
        client.get("/desk/", {"day": day}),
        client.get("/desk/book/", {"case_type": office.case_type.pk, "day": day}),
        client.get("/desk/statistics/", {"start": day, "end": day}),
        client.get(f"/visits/book/{office.case_type.pk}/", {"day": day}),
    ]

    assert [page.status_code for page in pages] == [200, 200, 200, 200]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_blocking_time_at_the_ends_of_the_calendar_is_refused(client, office, day):
    client.force_login(office.tenant.official)

    response = client.post(
        "/desk/block/",
        {"agenda": office.agendas[0].pk, "day": day, "start": "00:00", "end": "23:00"},
        follow=True,
    )

    assert response.status_code == 200
    assert not BusyInterval.objects.exists()


def _booked(office, start, agenda, email):
    booking, _ = booking_hold(
        case_type=office.case_type,
        start=start,
        agenda=agenda,
        citizen_name=email.split("@")[0],
        citizen_email=email,
    )
    return booking_confirm(booking=booking)


def test_week_view_lists_monday_to_sunday_of_the_officials_own_agenda(client, office, confirmed):
    thursday = _booked(
        office,
        datetime(2026, 6, 5, 8, 0, tzinfo=UTC),
        office.agendas[0],
        "tadeusz.thursday@example.org",
    )
    colleague = _booked(office, TEN, office.agendas[1], "cecylia.colleague@example.org")
    client.force_login(office.tenant.official)

    response = client.get("/desk/week/", {"day": "2026-06-03", "agenda": "all"})

    assert response.status_code == 200
    days = dict(response.context["days"])
    assert list(days) == [datetime(2026, 6, d).date() for d in range(1, 8)]
    assert days[datetime(2026, 6, 1).date()] == [confirmed]
    assert days[datetime(2026, 6, 5).date()] == [thursday]
    assert colleague.citizen_name not in response.content.decode()  # not a manager: own only


def test_a_unit_manager_sees_the_whole_units_week(client, office, confirmed):
    colleague = _booked(office, TEN, office.agendas[1], "cecylia.colleague@example.org")
    other = make_office("Other")
    outsider = _booked(other, TEN, other.agendas[0], "olgierd.outsider@example.org")
    client.force_login(office.tenant.manager)

    response = client.get("/desk/week/", {"day": "2026-06-01", "agenda": "all"})

    assert response.context["everyone"] is True
    monday = dict(response.context["days"])[datetime(2026, 6, 1).date()]
    assert sorted(b.pk for b in monday) == sorted([confirmed.pk, colleague.pk])
    assert outsider.citizen_name not in response.content.decode()


@pytest.mark.parametrize("query", [{"day": "2026-13-45"}, {"agenda": "999999999"}, {"day": ""}])
def test_week_view_falls_back_on_bad_parameters(client, office, query):
    client.force_login(office.tenant.official)

    response = client.get("/desk/week/", query)

    assert response.status_code == 200
    assert response.context["monday"] == datetime(2026, 6, 1).date()
    assert response.context["agenda"] == office.agendas[0]


def test_a_walk_in_can_take_the_slot_that_is_running_without_notice(client, office):
    ten_past_eight = datetime(2026, 6, 1, 6, 10, tzinfo=UTC)  # 08:10 in Warsaw
    running = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    client.force_login(office.tenant.official)

    with mock.patch("django.utils.timezone.now", return_value=ten_past_eight):
        citizens_first = case_type_slots(
            case_type=office.case_type, first=TEN.date(), last=TEN.date()
        )
        page = client.get("/desk/book/", {"case_type": office.case_type.pk, "day": "2026-06-01"})
        response = client.post(
            f"/desk/book/?case_type={office.case_type.pk}&day=2026-06-01",
            {"start": running.isoformat(), "name": "Walk In"},
        )

    assert citizens_first[0].start == datetime(2026, 6, 1, 7, 30, tzinfo=UTC)  # notice applies
    assert page.context["form"].fields["start"].choices[0][1] == "08:00"
    assert response.status_code == 302
    booking = Booking.objects.get(citizen_name="Walk In")
    assert (booking.start, booking.status) == (running, "confirmed")


def test_a_slot_that_has_ended_cannot_be_booked_even_at_the_desk(client, office):
    client.force_login(office.tenant.official)
    ended = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)

    with mock.patch(
        "django.utils.timezone.now", return_value=datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
    ):
        response = client.post(
            f"/desk/book/?case_type={office.case_type.pk}&day=2026-06-01",
            {"start": ended.isoformat(), "name": "Too Late"},
        )

    assert response.status_code == 200
    assert response.context["form"].errors["start"]
    assert not Booking.objects.filter(citizen_name="Too Late").exists()
