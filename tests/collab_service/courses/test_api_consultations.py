"""Consultation blocks: Studio ties a block to a case type of the course's institution; the
course tab lists them."""

import pytest

from collab_service.appointments.models import CaseType
from collab_service.courses.models import CourseConsultation
from tests.collab_service.appointments.conftest import make_office

from .conftest import COURSE, LEARNER, OTHER_COURSE, STAFF, lms_client

pytestmark = pytest.mark.django_db

PUT = "/api/v1/course-consultations/by-block/"
CONSULTATION = "block-v1:SZPON+K101+2026+type@szpon_appointment+block@c1"


@pytest.fixture
def office(db):
    office = make_office()
    office.tenant.institution.lms_orgs = "SZPON"
    office.tenant.institution.save()
    return office


def body(office, **overrides) -> dict:
    values = {
        "block_id": CONSULTATION,
        "course_id": COURSE,
        "title": "Konsultacje z opiekunem",
        "case_type": office.case_type.pk,
    }
    values.update(overrides)
    return values


def test_staff_ties_a_block_to_a_case_type(office):
    response = lms_client(STAFF, "staff").put(PUT, body(office), format="json")

    assert response.status_code == 200
    assert response.json() == {
        "block_id": CONSULTATION,
        "course_id": COURSE,
        "title": "Konsultacje z opiekunem",
        "case_type": office.case_type.pk,
        "case_type_name": "Identity card",
        "bookable": True,
        "booking_url": f"http://testserver/visits/book/{office.case_type.pk}/",
    }


def test_sync_is_idempotent_and_updates(office):
    client = lms_client(STAFF, "staff")
    first = client.put(PUT, body(office), format="json").json()
    again = client.put(PUT, body(office), format="json").json()
    other = CaseType.objects.create(
        institution=office.tenant.institution, slug="inne", name_pl="Inne"
    )

    changed = client.put(PUT, body(office, case_type=other.pk, title="Nowe"), format="json")

    assert again == first
    assert changed.json()["case_type"] == other.pk
    assert changed.json()["title"] == "Nowe"
    assert CourseConsultation.objects.count() == 1


def test_case_type_of_another_institution_is_refused(office):
    stranger = make_office("B")

    response = lms_client(STAFF, "staff").put(
        PUT, body(office, case_type=stranger.case_type.pk), format="json"
    )

    assert response.status_code == 400
    assert "has no case type" in response.json()["message"]
    assert not CourseConsultation.objects.exists()


@pytest.mark.parametrize(
    ("role", "course", "claim", "status"),
    [
        ("learner", COURSE, True, 403),
        ("staff", OTHER_COURSE, True, 403),
        ("staff", COURSE, False, 403),
    ],
)
def test_only_staff_of_the_course_may_sync(office, role, course, claim, status):
    response = lms_client(STAFF, role, course=course, claim=claim).put(
        PUT, body(office), format="json"
    )

    assert response.status_code == status
    assert not CourseConsultation.objects.exists()


def test_block_synced_from_another_course_is_refused(office):
    plain = "szpon_appointment.szpon_appointment.d0.u0"  # a workbench id, not a platform key
    lms_client(STAFF, "staff").put(PUT, body(office, block_id=plain), format="json")

    response = lms_client(STAFF, "staff", course=OTHER_COURSE).put(
        PUT, body(office, block_id=plain, course_id=OTHER_COURSE), format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "wrong_course"


def test_block_of_another_course_cannot_be_claimed(office):
    response = lms_client(STAFF, "staff", course=OTHER_COURSE).put(
        PUT, body(office, course_id=OTHER_COURSE), format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "block_not_in_course"
    assert OTHER_COURSE in response.json()["message"]
    assert not CourseConsultation.objects.exists()


def test_course_without_institution_is_409(office):
    course = "course-v1:NIKT+K1+2026"
    block = "block-v1:NIKT+K1+2026+type@szpon_appointment+block@c1"

    response = lms_client(STAFF, "staff", course=course).put(
        PUT, body(office, course_id=course, block_id=block), format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "no_institution"


@pytest.mark.parametrize(
    "overrides",
    [
        {"case_type": "dowód"},
        {"case_type": 0},
        {"case_type": 2**70},
        {"title": ""},
        {"block_id": None},
        {"course_id": "c" * 300},
    ],
)
def test_bad_input_is_400(office, overrides):
    response = lms_client(STAFF, "staff").put(PUT, body(office, **overrides), format="json")

    assert response.status_code == 400


def test_course_tab_lists_this_courses_consultations(office):
    staff = lms_client(STAFF, "staff")
    staff.put(PUT, body(office), format="json")
    other_block = "block-v1:SZPON+K102+2026+type@szpon_appointment+block@c2"
    other = lms_client(STAFF, "staff", course=OTHER_COURSE).put(
        PUT, body(office, block_id=other_block, course_id=OTHER_COURSE), format="json"
    )
    assert other.status_code == 200
    office.case_type.is_active = False
    office.case_type.save()

    response = lms_client(LEARNER).get("/api/v1/course-consultations/", {"course_id": COURSE})

    assert response.status_code == 200
    assert [(c["block_id"], c["bookable"]) for c in response.json()] == [(CONSULTATION, False)]


def test_course_tab_of_another_course_is_refused(office):
    client = lms_client(LEARNER)

    assert (
        client.get("/api/v1/course-consultations/", {"course_id": OTHER_COURSE}).status_code == 403
    )
    assert client.get("/api/v1/course-consultations/").status_code == 400
