"""Callers as the LMS plugin makes them: tokens for one user with the course context claim."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import Tenant, make_tenant
from tests.infra.jitsi_settings import self_hosted_jitsi
from tests.infra.jwt_keys import lms_token

COURSE = "course-v1:SZPON+K101+2026"
OTHER_COURSE = "course-v1:SZPON+K102+2026"
BLOCK = "block-v1:SZPON+K101+2026+type@szpon_meeting+block@a1b2c3"


@dataclass(frozen=True)
class Person:
    user_id: int
    username: str
    name: str

    @property
    def email(self) -> str:
        return f"{self.username}@example.org"


STAFF = Person(1001, "kadra", "Kasia Kadra")
HOST = Person(1002, "prowadzacy", "Piotr Prowadzący")
LEARNER = Person(1003, "uczen", "Ula Uczennica")
OTHER_LEARNER = Person(1004, "uczen2", "Olek Uczeń")


def lms_client(
    person: Person,
    role: str = "learner",
    *,
    course: str = COURSE,
    claim: bool = True,
    language: str = "en",
    **claims,
) -> APIClient:
    """An API client carrying a plugin token for ``person`` in ``course`` with ``role``."""
    if claim:
        claims["szpon"] = {"course_id": course, "course_role": role}
    token = lms_token(
        user_id=person.user_id,
        preferred_username=person.username,
        email=person.email,
        name=person.name,
        **claims,
    )
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    return client


def meeting_body(**overrides) -> dict:
    body = {
        "block_id": BLOCK,
        "course_id": COURSE,
        "title": "Webinarium o e-usługach",
        "schedule": "scheduled",
        "start": (timezone.now() + timedelta(days=1)).replace(microsecond=0).isoformat(),
        "duration_minutes": 60,
        "hosts": [HOST.username],
        "lobby": False,
        "recording_allowed": True,
        "guest_access": False,
        "completion_minutes": 30,
        "language": "pl",
    }
    body.update(overrides)
    return body


def sync(body: dict | None = None, **overrides) -> dict:
    """PUT the block's meeting as course staff; returns the answer's JSON."""
    response = lms_client(STAFF, "staff").put(
        "/api/v1/course-meetings/by-block/", body or meeting_body(**overrides), format="json"
    )
    assert response.status_code == 200, response.json()
    return response.json()


def starting_now(**overrides) -> dict:
    return sync(start=timezone.now().replace(microsecond=0).isoformat(), **overrides)


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


@pytest.fixture(autouse=True)
def _jitsi(settings):
    """Room tokens signed with a secret the tests know."""
    with self_hosted_jitsi(settings):
        yield


@pytest.fixture
def academy(db) -> Tenant:
    """The institution that takes the courses of the Open edX organisation SZPON."""
    tenant = make_tenant("Akademia")
    tenant.institution.lms_orgs = "MC, SZPON"
    tenant.institution.save()
    return tenant
