"""The citizen API: case types, availability, booking with double opt-in."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core import mail

from collab_service.appointments.models import Booking

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)
TEN = "2026-06-01T10:00:00+02:00"


@pytest.fixture(autouse=True)
def _frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def booking_body(office, **overrides) -> dict:
    body = {
        "case_type": office.case_type.pk,
        "start": TEN,
        "name": "Ola Nowak",
        "email": "ola@example.org",
        "consent": True,
    }
    body.update(overrides)
    return body


def test_case_types_of_an_institution_in_the_callers_language(api, office):
    response = api.get(f"/api/v1/public/institutions/{office.tenant.institution.slug}/case-types/")

    assert response.status_code == 200
    assert [c["name"] for c in response.json()["results"]] == ["Identity card"]


def test_availability_lists_free_slots_of_every_official(api, office):
    response = api.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": "2026-06-01", "end": "2026-06-01"},
    )

    assert response.status_code == 200
    slots = response.json()
    assert slots[0]["start"] == "2026-06-01T08:00:00+02:00"  # one hour notice after 07:00
    assert {s["official"] for s in slots} == {a.pk for a in office.agendas}
    assert len(slots) == 2 * 16  # 08:00-16:00 in 30-minute slots, two officials


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2026-06-10", "end": "2026-06-01"}, "end"),
        ({"start": "2026-06-01", "end": "2026-09-01"}, "end"),
        ({"start": "yesterday", "end": "2026-06-01"}, "start"),
        ({"end": "2026-06-01"}, "start"),
    ],
)
def test_availability_rejects_bad_ranges(api, office, query, field):
    response = api.get(f"/api/v1/public/case-types/{office.case_type.pk}/availability/", query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_booking_holds_the_slot_and_mails_a_confirmation_link(
    api, office, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/public/bookings/", booking_body(office), format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "held"
    assert body["start"] == "2026-06-01T10:00:00+02:00"
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/visits/confirm/" in line)
    path = link.split("testserver", 1)[1]

    shown = client.get(path)
    assert shown.status_code == 200
    assert Booking.objects.get().status == "held"  # a GET confirms nothing
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith("/visits/manage/")
    assert Booking.objects.get().status == "confirmed"


def test_taken_slot_is_409_and_bad_times_are_400(api, office):
    first = api.post(
        "/api/v1/public/bookings/",
        booking_body(office, official=office.agendas[0].pk),
        format="json",
    )
    taken = api.post(
        "/api/v1/public/bookings/",
        booking_body(office, official=office.agendas[0].pk, email="j@example.org"),
        format="json",
    )
    night = api.post(
        "/api/v1/public/bookings/",
        booking_body(office, start="2026-06-01T03:00:00+02:00"),
        format="json",
    )

    assert first.status_code == 201
    assert taken.status_code == 409
    assert taken.json()["code"] == "conflict"
    assert night.status_code == 400
    assert night.json()["message"] == "This is not a time you can book for this matter."


def test_repeated_idempotency_key_returns_the_first_booking(api, office):
    headers = {"HTTP_IDEMPOTENCY_KEY": "retry-1"}
    first = api.post("/api/v1/public/bookings/", booking_body(office), format="json", **headers)
    again = api.post("/api/v1/public/bookings/", booking_body(office), format="json", **headers)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference_code"] == again.json()["reference_code"]
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"consent": False}, "consent"),
        ({"email": "not-mail"}, "email"),
        ({"name": "x" * 201}, "name"),
        ({"phone": "call me"}, "phone"),
        ({"case_type": 999999}, None),
        ({"start": "soon"}, "start"),
        ({"official": 999999}, "official"),
        ({"answers": {"pesel": "x" * 2001}}, "answers"),
        ({"answers": {f"k{n}": "x" for n in range(21)}}, "answers"),
    ],
)
def test_bad_booking_input_is_4xx_and_books_nothing(api, office, override, field):
    response = api.post("/api/v1/public/bookings/", booking_body(office, **override), format="json")

    assert response.status_code in (400, 404)
    if field:
        assert field in response.json()["errors"]
    assert not Booking.objects.exists()


def test_too_many_answers_are_refused_in_the_askers_language(api, office):
    body = booking_body(office, answers={f"k{n}": "x" for n in range(21)})

    response = api.post("/api/v1/public/bookings/", body, format="json", HTTP_ACCEPT_LANGUAGE="pl")

    assert response.status_code == 400
    assert response.json()["errors"]["answers"] == ["Najwyżej 20 odpowiedzi."]


def test_invalid_confirmation_link_is_a_clear_page(client):
    response = client.get("/visits/confirm/forged-token/")

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_video_is_not_offered_without_a_video_provider(api, office, settings):
    settings.BOOKING_VIDEO_PROVIDER = ""
    office.case_type.mode = "choice"
    office.case_type.save()

    video = api.post("/api/v1/public/bookings/", booking_body(office, mode="video"), format="json")
    in_person = api.post("/api/v1/public/bookings/", booking_body(office), format="json")

    assert video.status_code == 400
    assert video.json()["message"] == "Video calls are not available for this matter."
    assert (in_person.status_code, in_person.json()["mode"]) == (201, "in_person")


def test_video_only_case_types_are_hidden_without_a_video_provider(api, office, settings):
    settings.BOOKING_VIDEO_PROVIDER = ""
    office.case_type.mode = "video"
    office.case_type.save()
    slug = office.tenant.institution.slug

    listing = api.get(f"/api/v1/public/institutions/{slug}/case-types/")
    availability = api.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": "2026-06-01", "end": "2026-06-01"},
    )

    assert listing.json()["results"] == []
    assert availability.status_code == 404


def test_cached_availability_changes_as_soon_as_a_slot_is_booked(api, office):
    url = f"/api/v1/public/case-types/{office.case_type.pk}/availability/"
    query = {"start": "2026-06-01", "end": "2026-06-01", "official": office.agendas[0].pk}

    before = [s["start"] for s in api.get(url, query).json()]
    api.post(
        "/api/v1/public/bookings/",
        booking_body(office, official=office.agendas[0].pk),
        format="json",
    )
    after = [s["start"] for s in api.get(url, query).json()]

    assert TEN in before
    assert TEN not in after
    assert len(after) == len(before) - 1


@pytest.mark.parametrize("start", ["9999-12-31T23:30:00+00:00", "0001-01-01T00:00:00+00:00"])
def test_booking_at_the_ends_of_the_calendar_is_400(api, office, start):
    response = api.post(
        "/api/v1/public/bookings/", booking_body(office, start=start), format="json"
    )

    assert response.status_code == 400
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("first", "last"), [("9999-12-30", "9999-12-31"), ("0001-01-01", "0001-01-02")]
)
def test_availability_at_the_ends_of_the_calendar_is_400(api, office, first, last):
    response = api.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": first, "end": last},
    )

    assert response.status_code == 400


def test_an_unknown_country_saved_before_validation_does_not_break_booking(api, office):
    from collab_service.appointments.services.slots import public_holidays

    public_holidays.cache_clear()
    type(office.tenant.institution).objects.filter(pk=office.tenant.institution.pk).update(
        country="XX"
    )

    today = NOW.date().isoformat()  # the frozen clock's
    availability = api.get(
        f"/api/v1/public/case-types/{office.case_type.pk}/availability/",
        {"start": today, "end": today},
    )
    booking = api.post("/api/v1/public/bookings/", booking_body(office), format="json")

    assert availability.status_code == 200
    assert len(availability.json()) == 2 * 16
    assert booking.status_code == 201
