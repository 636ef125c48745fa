"""No double booking, ever: many citizens POST the same slot at once through HTTP.

Runs on whichever database the suite runs on (the test command runs both PostgreSQL and MariaDB).
"""

import json
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from unittest import mock

import pytest

from collab_service.appointments.models import Booking
from tests.collab_service.appointments.conftest import make_office

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """All requests come from one test address: lift the per-client limit for the storm."""
    settings.BOOKING_LIMIT_PER_CLIENT_HOUR = 10_000
    settings.BOOKING_LIMIT_PER_EMAIL_DAY = 10_000


NOW = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)
REQUESTS = 50


def _post(url: str, body: dict, key: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _storm(url: str, bodies: list[dict], keys: list[str | None]) -> list[tuple[int, dict]]:
    with (
        mock.patch("django.utils.timezone.now", return_value=NOW),
        ThreadPoolExecutor(max_workers=REQUESTS) as pool,
    ):
        return list(pool.map(_post, [url] * len(bodies), bodies, keys))


@pytest.mark.parametrize("capacity", [1, 5])
def test_concurrent_bookings_never_exceed_capacity(live_server, capacity):
    office = make_office("C", officials=1, capacity=capacity)
    body = {
        "case_type": office.case_type.pk,
        "start": "2026-06-01T10:00:00+02:00",
        "name": "Obywatel",
        "consent": True,
    }
    bodies = [{**body, "email": f"c{n}@example.org"} for n in range(REQUESTS)]

    results = _storm(f"{live_server.url}/api/v1/public/bookings/", bodies, [None] * REQUESTS)

    statuses = Counter(status for status, _ in results)
    assert statuses == {201: capacity, 409: REQUESTS - capacity}
    assert all(body["code"] == "conflict" for status, body in results if status == 409)
    seats = sorted(Booking.objects.filter(status="held").values_list("seat", flat=True))
    assert seats == list(range(1, capacity + 1))


def test_concurrent_retries_with_one_idempotency_key_make_one_booking(live_server):
    office = make_office("K", officials=2)
    body = {
        "case_type": office.case_type.pk,
        "start": "2026-06-01T10:00:00+02:00",
        "name": "Obywatel",
        "email": "retry@example.org",
        "consent": True,
    }

    results = _storm(f"{live_server.url}/api/v1/public/bookings/", [body] * 20, ["same-key"] * 20)

    assert {status for status, _ in results} <= {200, 201}
    assert len({body["reference_code"] for _, body in results}) == 1
    assert Booking.objects.count() == 1
