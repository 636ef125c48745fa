"""The blocks against the real service: the plugin's client signs tokens with the test LMS key
and calls the live server, whose settings trust that key."""

from datetime import time

import pytest

from collab_service.appointments.models import Agenda, CaseType, Location, WorkingHours
from tests.conftest import Tenant, make_tenant
from tests.infra import jwt_keys
from tests.infra.jitsi_settings import self_hosted_jitsi
from tests.infra.servers import free_port


def service_settings(url: str, **overrides) -> dict:
    return {
        "URL": url,
        "PUBLIC_URL": url,
        "TIMEOUT": 5,
        "RETRIES": 0,
        "JWT_EXPIRES_SECONDS": 60,
        "JWT_PRIVATE_KEY": jwt_keys.private_pem("lms"),
        "JWT_ISSUER": jwt_keys.ISSUER,
        "JWT_KID": jwt_keys.KID,
        **overrides,
    }


@pytest.fixture(autouse=True)
def _jitsi(settings):
    """Room tokens signed with a secret the tests know."""
    with self_hosted_jitsi(settings):
        yield


@pytest.fixture
def service(settings, live_server) -> str:
    """The plugin pointed at the live service; returns its address."""
    settings.SZPON_SERVICE = service_settings(live_server.url)
    settings.PUBLIC_URL = settings.COLLAB_PUBLIC_URL = live_server.url
    return live_server.url


@pytest.fixture
def service_down(settings) -> str:
    """The plugin pointed at an address where nothing listens."""
    url = f"http://127.0.0.1:{free_port()}"
    settings.SZPON_SERVICE = service_settings(url, TIMEOUT=1)
    return url


@pytest.fixture
def academy(transactional_db) -> Tenant:
    """The institution that takes the courses of the Open edX organisation SZPoN."""
    tenant = make_tenant("Akademia")
    tenant.institution.lms_orgs = "SZPoN"
    tenant.institution.save()
    return tenant


def bookable_case_type(tenant: Tenant, slug: str = "konsultacja") -> CaseType:
    """A 30-minute case type one official handles on weekdays, 8:00 to 16:00."""
    location = Location.objects.create(institution=tenant.institution, name="Sala szkoleniowa")
    case_type = CaseType.objects.create(
        institution=tenant.institution,
        slug=slug,
        name_pl="Konsultacja z opiekunem kursu",
        name_en="Consultation with the course tutor",
        duration_minutes=30,
        min_notice_minutes=60,
    )
    case_type.units.add(tenant.unit)
    agenda = Agenda.objects.create(official=tenant.official, institution=tenant.institution)
    for weekday in range(5):
        WorkingHours.objects.create(
            agenda=agenda, location=location, weekday=weekday, start_time=time(8), end_time=time(16)
        )
    return case_type


@pytest.fixture
def case_type(academy) -> CaseType:
    return bookable_case_type(academy)
