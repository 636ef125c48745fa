"""The same event delivered several times at once is stored once (one 201, the rest 200), and
different events of one record arriving together all count, on either database."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connections
from rest_framework.test import APIClient

from collab_service.accounts.models import User
from collab_service.training.models import TrainingEvent, TrainingRecord
from tests.collab_service.training.conftest import T0, event_body, learner_token, post_event
from tests.factories import UserFactory
from tests.infra.jwt_keys import lms_token

pytestmark = [pytest.mark.django_db(transaction=True)]
ROUNDS = 5


def _post_together(user, bodies: list[dict]) -> list[int]:
    token = learner_token(user)
    barrier = threading.Barrier(len(bodies))

    def send(body: dict) -> int:
        try:
            client = APIClient()
            barrier.wait(timeout=30)
            return post_event(client, user, body, token=token).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(send, bodies))


def test_a_duplicated_event_racing_itself_is_stored_once():
    for round_ in range(ROUNDS):
        user = UserFactory()
        body = event_body("certificate_created", T0 + timedelta(days=round_))

        statuses = _post_together(user, [body] * 4)

        assert sorted(statuses) == [200, 200, 200, 201]
        assert TrainingEvent.objects.filter(user=user).count() == 1
        record = TrainingRecord.objects.get(user=user)
        assert record.certificate_issued_at == T0 + timedelta(days=round_)


def test_different_events_of_one_record_arriving_together_all_count():
    user = UserFactory()
    bodies = [
        event_body("enrollment_created", T0),
        event_body("passing_status_updated", T0 + timedelta(days=1)),
        event_body("certificate_created", T0 + timedelta(days=2)),
        event_body("certificate_revoked", T0 + timedelta(days=3)),
    ]

    statuses = _post_together(user, bodies)

    assert statuses == [201, 201, 201, 201]
    record = TrainingRecord.objects.get(user=user)
    assert record.enrolled_at == T0
    assert record.passed_at == T0 + timedelta(days=1)
    assert record.certificate_issued_at == T0 + timedelta(days=2)
    assert record.certificate_revoked_at == T0 + timedelta(days=3)


def test_a_learner_first_seen_in_racing_duplicates_becomes_one_person_with_one_event():
    token = lms_token(
        user_id=9191,
        preferred_username="pierwszy.raz",
        szpon={"course_id": "course-v1:UM+RODO+2026", "course_role": "learner"},
    )
    body = event_body("enrollment_created", T0)
    barrier = threading.Barrier(4)

    def send(_index: int) -> int:
        try:
            client = APIClient()
            barrier.wait(timeout=30)
            return post_event(client, None, body, token=token).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(send, range(4)))

    assert sorted(statuses) == [200, 200, 200, 201]
    user = User.objects.get(lms_user_id=9191)
    assert TrainingEvent.objects.get().user == user
