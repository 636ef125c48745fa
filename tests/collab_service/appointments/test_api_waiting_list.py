"""The waiting list over the public API: join, see one's place, leave."""

import re
from datetime import timedelta

import pytest
from django.core import mail

from collab_service.appointments.models import WaitingListEntry
from collab_service.appointments.services.waiting_list import entry_from_token, waiting_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def _body(office, **overrides) -> dict:
    body = {
        "case_type": office.case_type.pk,
        "first_day": "2026-06-02",
        "last_day": "2026-06-05",
        "name": "Ewa Lis",
        "email": "ewa@example.org",
        "consent": True,
    }
    body.update(overrides)
    return body


def test_join_answers_202_and_mails_the_link(api, office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/public/waiting-list/", _body(office), format="json")

    assert response.status_code == 202
    assert "waiting list" in response.json()["message"]
    entry = WaitingListEntry.objects.get()
    assert mail.outbox[0].to == ["ewa@example.org"]
    token = re.search(r"/visits/waiting/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert entry_from_token(token) == entry


def test_joining_twice_gives_the_same_answer_and_one_entry(api, office):
    first = api.post("/api/v1/public/waiting-list/", _body(office), format="json")
    second = api.post("/api/v1/public/waiting-list/", _body(office), format="json")

    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json() == second.json()
    assert WaitingListEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": False}, "consent"),
        ({"email": "nope"}, "email"),
        ({"first_day": "2026-02-30"}, "first_day"),
        ({"name": "x" * 201}, "name"),
        ({"case_type": 0}, "case_type"),
        ({"answers": {f"k{n}": "v" for n in range(21)}}, "answers"),
    ],
)
def test_bad_input_gets_400_naming_the_field(api, office, overrides, field):
    response = api.post("/api/v1/public/waiting-list/", _body(office, **overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not WaitingListEntry.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"first_day": "2026-05-01"}, "past"),
        ({"last_day": "2026-06-01"}, "before the first day"),
        ({"last_day": "2027-06-01"}, "days ahead"),
    ],
)
def test_days_that_cannot_be_served_get_400_with_a_reason(api, office, overrides, words):
    response = api.post("/api/v1/public/waiting-list/", _body(office, **overrides), format="json")

    assert response.status_code == 400
    assert words in response.json()["message"]


def test_unknown_case_type_is_404(api, office):
    response = api.post(
        "/api/v1/public/waiting-list/", _body(office, case_type=999999), format="json"
    )

    assert response.status_code == 404


def test_place_in_line_and_leaving_by_token(api, office):
    api.post("/api/v1/public/waiting-list/", _body(office, email="a@example.org"), format="json")
    earlier = WaitingListEntry.objects.get().created_at - timedelta(minutes=1)
    WaitingListEntry.objects.update(created_at=earlier)  # the clock is frozen: a joined first
    api.post("/api/v1/public/waiting-list/", _body(office), format="json")
    entry = WaitingListEntry.objects.get(citizen_email="ewa@example.org")
    url = f"/api/v1/public/waiting-list/{waiting_token(entry)}/"

    shown = api.get(url)
    left = api.delete(url)

    assert shown.status_code == 200
    assert shown.json() | {"position": shown.json()["position"]} == {
        "status": "waiting",
        "case_type": "Identity card",
        "first_day": "2026-06-02",
        "last_day": "2026-06-05",
        "position": 2,
        "offer": None,
    }
    assert (left.status_code, left.json()["status"], left.json()["position"]) == (
        200,
        "withdrawn",
        None,
    )


def test_a_forged_token_gets_a_clear_400(api):
    response = api.get("/api/v1/public/waiting-list/forged/")

    assert response.status_code == 400
    assert response.json()["message"] == "This link is not valid."
