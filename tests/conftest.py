import os
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.servers import basehttp
from django.utils import translation
from rest_framework.test import APIClient

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit
from tests.factories import InstitutionFactory, MembershipFactory, UnitFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The live test server listens with a backlog of 10; a real one (gunicorn) uses 2048. Contention
# tests open 50 connections at once, which the small backlog would reset before any request.
basehttp.WSGIServer.request_queue_size = 256

pytest_plugins = [
    "tests.infra.browser",
    "tests.infra.smtp",
    "tests.infra.jitsi_iframe_standin",
    "tests.infra.lms_oauth_standin",
    "tests.infra.radicale",
    "tests.infra.celery_worker",
    "tests.edx_plugins.standin",
]


@pytest.fixture(autouse=True)
def _clean_cache():
    yield
    _clear_this_runs_cache()


def _clear_this_runs_cache() -> None:
    """Forget this run's cached values only: ``cache.clear()`` would flush the whole Redis
    database under another checkout's suite running at the same time."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if not prefix:
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Services called directly speak English in tests; requests choose their own language."""
    with translation.override("en"):
        yield


@dataclass
class Tenant:
    """One institution with a unit, a second unit, and a person in each role."""

    institution: Institution
    unit: Unit
    other_unit: Unit
    official: User
    manager: User
    admin: User
    hidden_unit: Unit


def make_tenant(name: str) -> Tenant:
    institution = InstitutionFactory(name=f"Urząd {name}", slug=f"urzad-{name.lower()}")
    unit = UnitFactory(institution=institution, name=f"Wydział {name}")
    other_unit = UnitFactory(institution=institution, name=f"Referat {name}")
    hidden_unit = UnitFactory(
        institution=institution, name=f"Kancelaria tajna {name}", is_public=False
    )
    official = MembershipFactory(unit=unit, user__username=f"official-{name.lower()}").user
    manager = MembershipFactory(
        unit=unit, role=Membership.Role.UNIT_MANAGER, user__username=f"manager-{name.lower()}"
    ).user
    admin = MembershipFactory(
        unit=None,
        institution=institution,
        role=Membership.Role.INSTITUTION_ADMIN,
        user__username=f"admin-{name.lower()}",
    ).user
    return Tenant(institution, unit, other_unit, official, manager, admin, hidden_unit)


@pytest.fixture
def tenant_a(db) -> Tenant:
    return make_tenant("A")


@pytest.fixture
def tenant_b(db) -> Tenant:
    return make_tenant("B")


@pytest.fixture
def platform_admin(db) -> User:
    return UserFactory(username="root-admin", is_superuser=True, is_staff=True)


@pytest.fixture
def api():
    """An API client; ``api.as_user(user)`` signs it in."""

    class Client(APIClient):
        def as_user(self, user: User) -> "Client":
            self.force_authenticate(user)
            return self

    return Client(HTTP_ACCEPT_LANGUAGE="en")
