import sys
import types
from dataclasses import dataclass

import pytest
from django.core.signals import request_started
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import CourseData, UserData, UserPersonalData
from rest_framework.test import APIClient

from tests.collab_service.appointments.conftest import Office, make_office
from tests.infra.jwt_keys import lms_token

COURSE_ID = "course-v1:UrzadA+RODO+2026"
COURSE_ORG = "UrzadA"


def point_plugin_at(settings, url: str) -> None:
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "URL": url}


@pytest.fixture
def live_service(live_server, settings):
    """The live service, as the plugin's SZPON_SERVICE URL."""
    point_plugin_at(settings, live_server.url)
    return live_server


@dataclass(frozen=True)
class Arrived:
    """A request as the live service received it."""

    method: str
    path: str
    query: str
    authorization: str
    language: str


@pytest.fixture
def arrivals():
    """The API requests that reach the live server, recorded from Django's own
    ``request_started`` in the server's thread (the test client's requests are left out)."""
    seen: list[Arrived] = []

    def record(sender, environ, **kwargs):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/api/") and environ.get("SERVER_NAME") != "testserver":
            seen.append(
                Arrived(
                    method=environ["REQUEST_METHOD"],
                    path=path,
                    query=environ.get("QUERY_STRING", ""),
                    authorization=environ.get("HTTP_AUTHORIZATION", ""),
                    language=environ.get("HTTP_ACCEPT_LANGUAGE", ""),
                )
            )

    request_started.connect(record, dispatch_uid="szpon-test-arrivals")
    try:
        yield seen
    finally:
        request_started.disconnect(dispatch_uid="szpon-test-arrivals")


def service_api(
    user, role: str = "learner", *, course_id: str = COURSE_ID, language: str = "en"
) -> APIClient:
    """The service's own API as ``user`` reaches it from the course: an LMS-signed token with
    the course claim, minted by the test key (not by the plugin), to set up data."""
    token = lms_token(
        user_id=user.pk,
        preferred_username=user.username,
        email=user.email,
        name=user.full_name,
        szpon={"course_id": course_id, "course_role": role},
    )
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    return client


def course_office(name: str = "A", *, officials: int = 1) -> Office:
    """An office (institution, case type, officials' working hours) that takes the courses of
    the Open edX organisation of ``COURSE_ID``."""
    office = make_office(name, officials=officials)
    office.tenant.institution.lms_orgs = COURSE_ORG
    office.tenant.institution.save()
    return office


def user_data(user) -> UserData:
    return UserData(
        id=user.pk,
        is_active=user.is_active,
        pii=UserPersonalData(username=user.username, email=user.email, name=user.full_name),
    )


def course_data(course_id: str = COURSE_ID, name: str = "RODO w urzędzie") -> CourseData:
    return CourseData(course_key=CourseKey.from_string(course_id), display_name=name)


@pytest.fixture
def platform(monkeypatch):
    """``platform("a.b.c", name=value)`` installs module a.b.c (and its parents) with attrs."""

    def install(dotted: str, **attrs) -> types.ModuleType:
        parts = dotted.split(".")
        for depth in range(1, len(parts) + 1):
            name = ".".join(parts[:depth])
            if name not in sys.modules or depth == len(parts):
                monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
        module = sys.modules[dotted]
        for key, value in attrs.items():
            setattr(module, key, value)
        return module

    return install
