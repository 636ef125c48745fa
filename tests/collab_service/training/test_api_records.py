"""Reading training records through the API: your own, or your institution's as its admin."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.collab_service.training.conftest import COURSE, T0, record_event
from tests.factories import CertificatePolicyFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/training/records/"


@pytest.fixture
def records(tenant_a, tenant_b):
    CertificatePolicyFactory(course_id=COURSE, validity_months=12)
    record_event(tenant_a.official, "certificate_created", timezone.now() - timedelta(days=400))
    record_event(tenant_a.official, "enrollment_created", T0, course_id="course-v1:UM+BHP+2026")
    record_event(tenant_a.manager, "certificate_created", timezone.now() - timedelta(days=5))
    record_event(tenant_b.official, "certificate_created", timezone.now() - timedelta(days=5))


def _courses(response) -> list[tuple[str, str, str]]:
    return [
        (row["person"]["username"], row["course_id"], row["state"])
        for row in response.json()["results"]
    ]


def test_own_records_only(api, tenant_a, records):
    response = api.as_user(tenant_a.official).get(URL)

    assert response.status_code == 200
    assert sorted(_courses(response)) == [
        ("official-a", "course-v1:UM+BHP+2026", "enrolled"),
        ("official-a", COURSE, "expired"),
    ]
    first = response.json()["results"][0]
    assert set(first) == {
        "id",
        "person",
        "course_id",
        "course_name",
        "enrolled_at",
        "unenrolled_at",
        "passed_at",
        "certificate_issued_at",
        "certificate_revoked_at",
        "expires_at",
        "state",
        "certificate",
    }


def test_institution_admin_reads_the_members_records(api, tenant_a, records):
    response = api.as_user(tenant_a.admin).get(URL, {"institution": tenant_a.institution.pk})

    assert response.status_code == 200
    assert sorted(_courses(response)) == [
        ("manager-a", COURSE, "certified"),
        ("official-a", "course-v1:UM+BHP+2026", "enrolled"),
        ("official-a", COURSE, "expired"),
    ]


def test_filters_by_state_and_course(api, tenant_a, records):
    client = api.as_user(tenant_a.admin)
    institution = tenant_a.institution.pk

    expired = client.get(URL, {"institution": institution, "state": "expired"})
    trained = client.get(URL, {"institution": institution, "state": "trained"})
    course = client.get(URL, {"institution": institution, "course_id": "course-v1:UM+BHP+2026"})

    assert _courses(expired) == [("official-a", COURSE, "expired")]
    assert _courses(trained) == [("manager-a", COURSE, "certified")]
    assert _courses(course) == [("official-a", "course-v1:UM+BHP+2026", "enrolled")]


def test_another_institution_is_404(api, tenant_a, tenant_b, records):
    response = api.as_user(tenant_a.admin).get(URL, {"institution": tenant_b.institution.pk})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_member_who_is_not_admin_is_403(api, tenant_a, records):
    response = api.as_user(tenant_a.manager).get(URL, {"institution": tenant_a.institution.pk})

    assert response.status_code == 403
    assert response.json()["message"] == "Only the institution's admins see its members' training."


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"institution": "abc"}, "institution"),
        ({"institution": "9" * 40}, "institution"),
        ({"institution": "0"}, "institution"),
        ({"state": "happy"}, "state"),
    ],
)
def test_bad_filters_are_400(api, tenant_a, query, field):
    response = api.as_user(tenant_a.admin).get(URL, query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_anonymous_is_401(api):
    assert api.get(URL).status_code == 401


def test_endpoints_are_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    events = schema["paths"]["/api/v1/training/events/"]["post"]
    assert set(events["responses"]) >= {"200", "201", "400", "401", "403", "409"}
    records = schema["paths"]["/api/v1/training/records/"]["get"]
    assert {parameter["name"] for parameter in records["parameters"]} >= {
        "institution",
        "course_id",
        "state",
    }
