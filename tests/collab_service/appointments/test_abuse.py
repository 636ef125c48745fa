"""Anonymous booking is rate-limited per client and per e-mail, and refuses instant form posts."""

import pytest

from collab_service.appointments.models import Booking

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def _body(office, email: str, hour: int) -> dict:
    return {
        "case_type": office.case_type.pk,
        "start": f"2026-06-01T{hour:02d}:00:00+02:00",
        "name": "Ola",
        "email": email,
        "consent": True,
    }


def test_one_client_is_limited_per_hour(api, office, settings):
    settings.BOOKING_LIMIT_PER_CLIENT_HOUR = 2

    statuses = [
        api.post(
            "/api/v1/public/bookings/", _body(office, f"p{n}@example.org", 9 + n), format="json"
        ).status_code
        for n in range(3)
    ]

    assert statuses == [201, 201, 429]
    assert Booking.objects.count() == 2


def test_one_email_is_limited_per_day_whatever_the_client(api, office, settings):
    settings.BOOKING_LIMIT_PER_EMAIL_DAY = 1

    first = api.post(
        "/api/v1/public/bookings/",
        _body(office, "same@example.org", 9),
        format="json",
        REMOTE_ADDR="10.0.0.1",
    )
    second = api.post(
        "/api/v1/public/bookings/",
        _body(office, "SAME@example.org", 10),
        format="json",
        REMOTE_ADDR="10.0.0.2",
    )

    assert (first.status_code, second.status_code) == (201, 429)
    assert second.json()["code"] == "throttled"


def test_booking_form_sent_too_fast_is_refused(client, office, settings):
    settings.BOOKING_FORM_MIN_SECONDS = 60
    page = client.get(f"/visits/book/{office.case_type.pk}/", {"day": "2026-06-01"})
    form = page.context["form"]

    response = client.post(
        f"/visits/book/{office.case_type.pk}/",
        {
            "day": "2026-06-01",
            "rendered": form["rendered"].value(),
            "start": form.fields["start"].choices[0][0],
            "official": "",
            "name": "Bot",
            "email": "bot@example.org",
            "consent": "on",
        },
    )

    assert response.status_code == 200
    assert "rendered" in response.context["form"].errors
    assert not Booking.objects.exists()


def test_booking_form_with_forged_render_token_is_refused(client, office):
    page = client.get(f"/visits/book/{office.case_type.pk}/", {"day": "2026-06-01"})
    start = page.context["form"].fields["start"].choices[0][0]

    response = client.post(
        f"/visits/book/{office.case_type.pk}/",
        {
            "day": "2026-06-01",
            "rendered": "forged",
            "start": start,
            "name": "Bot",
            "email": "bot@example.org",
            "consent": "on",
        },
    )

    assert "rendered" in response.context["form"].errors
    assert not Booking.objects.exists()


def test_status_lookup_is_rate_limited(client, settings):
    settings.BOOKING_LIMIT_LOOKUPS_PER_CLIENT_HOUR = 2
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(2):
        client.post("/visits/status/", {"reference_code": "AAAA2222", "email": "a@example.org"})

    response = client.post(
        "/visits/status/", {"reference_code": "AAAA2222", "email": "a@example.org"}
    )

    assert response.context["form"].non_field_errors() == [
        "Too many attempts. Please try again later."
    ]
