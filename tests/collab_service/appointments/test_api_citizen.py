"""The citizen API after booking: confirm, see and cancel through the link, find by code."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from collab_service.appointments.models import Booking
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm, confirmation_token
from collab_service.appointments.services.manage import manage_token
from tests.collab_service.appointments.conftest import MONDAY_MORNING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
CONFIRM = "/api/v1/public/bookings/confirm/"
LOOKUP = "/api/v1/public/bookings/lookup/"


@pytest.fixture
def held(office) -> Booking:
    office.location.street_address = "ul. Długa 1"
    office.location.accessibility_notes = "Winda od podwórza"
    office.location.save()
    office.case_type.what_to_bring_en = "Your old identity card"
    office.case_type.save()
    booking, _ = booking_hold(
        case_type=office.case_type,
        start=TEN,
        agenda=office.agendas[0],
        citizen_name="Ola Nowak",
        citizen_email="ola@example.org",
        now=MONDAY_MORNING,
    )
    return booking


@pytest.fixture
def confirmed(held) -> Booking:
    return booking_confirm(booking=held)


def _manage(booking: Booking) -> str:
    return f"/api/v1/public/bookings/manage/{manage_token(booking)}/"


def test_confirm_with_the_emailed_token(api, held, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(CONFIRM, {"token": confirmation_token(held)}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reference_code"]) == ("confirmed", held.reference_code)
    assert Booking.objects.get(pk=held.pk).status == "confirmed"
    assert mail.outbox[-1].to == ["ola@example.org"]
    assert held.reference_code in mail.outbox[-1].subject
    again = api.post(CONFIRM, {"token": confirmation_token(held)}, format="json")
    assert again.status_code == 200
    assert api.get(f"/api/v1/public/bookings/manage/{body['manage_token']}/").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [({"token": "forged"}, None), ({}, "token"), ({"token": "x" * 501}, "token")],
)
def test_confirm_with_a_bad_token_is_400(api, held, body, field):
    response = api.post(CONFIRM, body, format="json")

    assert response.status_code == 400
    if field:
        assert field in response.json()["errors"]
    else:
        assert response.json()["message"] == "This confirmation link is not valid."
    assert Booking.objects.get(pk=held.pk).status == "held"


def test_confirm_after_the_hold_expired_is_400(api, held):
    Booking.objects.filter(pk=held.pk).update(hold_expires_at=MONDAY_MORNING - timedelta(minutes=1))

    response = api.post(CONFIRM, {"token": confirmation_token(held)}, format="json")

    assert response.status_code == 400
    assert "not confirmed in time" in response.json()["message"]


def test_manage_shows_the_visit_in_the_institutions_time(api, confirmed):
    response = api.get(_manage(confirmed))

    assert response.status_code == 200
    body = response.json()
    assert body["start"] == "2026-06-01T10:00:00+02:00"
    assert body["end"] == "2026-06-01T10:30:00+02:00"
    assert body["status"] == "confirmed"
    assert body["status_display"] == "Confirmed"
    assert body["case_type"]["name"] == "Identity card"
    assert body["case_type"]["what_to_bring"] == "Your old identity card"
    assert body["location"]["street_address"] == "ul. Długa 1"
    assert body["location"]["accessibility_notes"] == "Winda od podwórza"
    assert body["institution"]["time_zone"] == "Europe/Warsaw"
    assert (body["mode"], body["can_cancel"]) == ("in_person", True)
    assert "citizen_email" not in body


@pytest.mark.parametrize("token", ["forged", "a" * 500, "x:y:z"])
def test_manage_with_a_forged_token_is_400(api, token):
    response = api.get(f"/api/v1/public/bookings/manage/{token}/")

    assert response.status_code == 400
    assert response.json()["message"] == "This link is not valid."


def test_manage_link_expires_a_day_after_the_visit(api, confirmed):
    Booking.objects.filter(pk=confirmed.pk).update(
        start=datetime(2020, 1, 1, tzinfo=UTC), end=datetime(2020, 1, 1, 0, 30, tzinfo=UTC)
    )

    response = api.get(_manage(confirmed))

    assert response.status_code == 400
    assert response.json()["message"] == "This link has expired."


def test_cancel_through_the_link_tells_the_citizen(
    api, confirmed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(_manage(confirmed) + "cancel/", {"reason": "Nie zdążę"}, format="json")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["can_cancel"]) == ("cancelled", False)
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.cancel_reason, confirmed.seat) == (
        "cancelled",
        "Nie zdążę",
        None,
    )
    message = mail.outbox[-1]
    assert message.to == ["ola@example.org"]
    assert confirmed.reference_code in message.subject
    assert "Nie zdążę" in message.body
    (calendar,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "CANCEL"
    assert api.post(_manage(confirmed) + "cancel/", {}, format="json").status_code == 200


def test_cancel_with_an_overlong_reason_is_400_and_changes_nothing(api, confirmed):
    response = api.post(_manage(confirmed) + "cancel/", {"reason": "x" * 501}, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    assert Booking.objects.get(pk=confirmed.pk).status == "confirmed"


def test_a_checked_in_visit_cannot_be_cancelled(api, confirmed):
    Booking.objects.filter(pk=confirmed.pk).update(status="checked_in")

    response = api.post(_manage(confirmed) + "cancel/", {}, format="json")

    assert response.status_code == 400
    assert response.json()["message"] == "This visit can no longer be cancelled."
    assert api.get(_manage(confirmed)).json()["can_cancel"] is False


def test_calendar_file_of_the_visit(api, confirmed):
    response = api.get(_manage(confirmed) + "visit.ics", HTTP_ACCEPT="text/calendar")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    text = response.content.decode()
    assert "METHOD:PUBLISH" in text
    assert confirmed.reference_code in text
    Booking.objects.filter(pk=confirmed.pk).update(status="cancelled")
    assert "METHOD:CANCEL" in api.get(_manage(confirmed) + "visit.ics").content.decode()


def test_calendar_file_with_a_forged_token_is_a_json_400(api):
    response = api.get(
        "/api/v1/public/bookings/manage/forged/visit.ics", HTTP_ACCEPT="text/calendar"
    )

    assert response.status_code == 400
    assert response.json()["message"] == "This link is not valid."


def test_lookup_by_code_and_email_gives_the_manage_token(api, confirmed):
    response = api.post(
        LOOKUP,
        {"reference_code": confirmed.reference_code.lower(), "email": "OLA@example.org"},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["reference_code"] == confirmed.reference_code
    assert api.get(f"/api/v1/public/bookings/manage/{body['manage_token']}/").status_code == 200


def test_lookup_does_not_say_whether_the_code_or_the_email_was_wrong(api, confirmed):
    wrong_email = api.post(
        LOOKUP,
        {"reference_code": confirmed.reference_code, "email": "someone@example.org"},
        format="json",
    )
    wrong_code = api.post(
        LOOKUP, {"reference_code": "ZZZZ2222", "email": "ola@example.org"}, format="json"
    )

    assert wrong_email.status_code == wrong_code.status_code == 404
    assert wrong_email.json() == wrong_code.json()
    assert wrong_email.json()["message"] == "We found no visit with this code and e-mail address."


def test_lookup_of_a_visit_long_past_is_400(api, confirmed):
    Booking.objects.filter(pk=confirmed.pk).update(
        start=datetime(2020, 1, 1, tzinfo=UTC), end=datetime(2020, 1, 1, 0, 30, tzinfo=UTC)
    )

    response = api.post(
        LOOKUP,
        {"reference_code": confirmed.reference_code, "email": "ola@example.org"},
        format="json",
    )

    assert response.status_code == 400
    assert "manage_token" not in response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reference_code": "A" * 13, "email": "ola@example.org"}, "reference_code"),
        ({"reference_code": "AAAA2222", "email": "not-mail"}, "email"),
        ({"email": "ola@example.org"}, "reference_code"),
    ],
)
def test_lookup_with_bad_input_is_400(api, body, field):
    response = api.post(LOOKUP, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_lookup_is_limited_per_client(api, confirmed, settings):
    settings.BOOKING_LIMIT_LOOKUPS_PER_CLIENT_HOUR = 2
    for n in range(2):
        api.post(LOOKUP, {"reference_code": f"AAAA222{n}", "email": "a@example.org"}, format="json")

    response = api.post(
        LOOKUP,
        {"reference_code": confirmed.reference_code, "email": "ola@example.org"},
        format="json",
    )

    assert response.status_code == 429
    assert response.json()["code"] == "throttled"


def test_lookup_is_limited_per_code_whatever_the_client(api, confirmed, settings):
    settings.BOOKING_LIMIT_LOOKUPS_PER_CODE_HOUR = 2
    code = confirmed.reference_code
    for n in range(2):
        api.post(
            LOOKUP,
            {"reference_code": code, "email": f"guess{n}@example.org"},
            format="json",
            REMOTE_ADDR=f"10.0.0.{n}",
        )

    response = api.post(
        LOOKUP,
        {"reference_code": code.lower(), "email": "ola@example.org"},
        format="json",
        REMOTE_ADDR="10.0.0.9",
    )

    assert response.status_code == 429
