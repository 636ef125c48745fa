import uuid
from datetime import UTC, datetime

import pytest

from collab_service.accounts.models import User
from collab_service.training.models import EventType, TrainingRecord
from collab_service.training.services.records import training_event_record
from tests.infra.jwt_keys import lms_token

COURSE = "course-v1:UM+RODO+2026"
COURSE_NAME = "Ochrona danych osobowych w urzędzie"
EVENTS_URL = "/api/v1/training/events/"
T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def learner_token(user: User, *, course_id: str = COURSE, role: str = "learner", **claims) -> str:
    """An LMS token our plugin would mint for ``user`` in ``course_id``."""
    if user.lms_user_id is None:
        user.lms_user_id = 10_000 + user.pk
        user.save(update_fields=["lms_user_id"])
    claims.setdefault("szpon", {"course_id": course_id, "course_role": role})
    return lms_token(
        user_id=user.lms_user_id,
        preferred_username=user.username,
        email=user.email,
        name=user.full_name,
        **claims,
    )


def event_body(event_type: str, occurred_at: datetime, *, course_id: str = COURSE, **extra) -> dict:
    body = {
        "event_id": str(extra.pop("event_id", uuid.uuid4())),
        "event_type": event_type,
        "occurred_at": occurred_at.isoformat(),
        "course_id": course_id,
        "course_name": COURSE_NAME,
    }
    if event_type == EventType.PASSING_STATUS_UPDATED:
        body["is_passing"] = True
    if event_type in (EventType.CERTIFICATE_CREATED, EventType.CERTIFICATE_REVOKED):
        body["certificate"] = {
            "mode": "verified",
            "grade": "0.92",
            "status": "downloadable",
            "download_url": "/certificates/abc123",
        }
    body.update(extra)
    return body


def post_event(client, user: User, body: dict, *, token: str | None = None):
    token = token or learner_token(user, course_id=body.get("course_id", COURSE))
    return client.post(EVENTS_URL, body, format="json", HTTP_AUTHORIZATION=f"JWT {token}")


def record_event(
    user: User, event_type: str, occurred_at: datetime, *, course_id: str = COURSE, **payload
) -> TrainingRecord:
    """Feed one event straight to the service (for tests about what records are used for)."""
    if event_type in (EventType.CERTIFICATE_CREATED, EventType.CERTIFICATE_REVOKED):
        payload.setdefault("certificate", {"mode": "verified", "grade": "0.9", "status": "ok"})
    if event_type == EventType.PASSING_STATUS_UPDATED:
        payload.setdefault("is_passing", True)
    payload.setdefault("course_name", COURSE_NAME)
    return training_event_record(
        user=user,
        event_id=uuid.uuid4(),
        event_type=event_type,
        occurred_at=occurred_at,
        course_id=course_id,
        payload=payload,
    ).record


@pytest.fixture
def learner(tenant_a) -> User:
    return tenant_a.official
