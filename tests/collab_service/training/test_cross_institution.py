"""A person in two institutions: each institution's admins see the training of its own courses
and the platform's, never the courses of the other institution's Open edX organisation."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from collab_service.training.models import CertificateReminder
from collab_service.training.services.reminders import certificate_reminders_send_due
from tests.collab_service.training.conftest import record_event
from tests.factories import CertificatePolicyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

A_COURSE, B_COURSE = "course-v1:UMA+BHP+2026", "course-v1:UMB+Tajne+2026"
PLATFORM_COURSE = "course-v1:SZPoN+Start+2026"


@pytest.fixture
def ewa(tenant_a, tenant_b):
    """An official of both institutions, trained in a course of each and in a platform one."""
    tenant_a.institution.lms_orgs, tenant_b.institution.lms_orgs = "UMA", "umb"
    tenant_a.institution.save()
    tenant_b.institution.save()
    person = tenant_b.official
    MembershipFactory(user=person, unit=tenant_a.unit)
    for course in (A_COURSE, B_COURSE, PLATFORM_COURSE):
        CertificatePolicyFactory(course_id=course, notify_institution_admins=True)
    issued = timezone.now() - relativedelta(months=24) + timedelta(days=10)
    for course in (A_COURSE, B_COURSE, PLATFORM_COURSE):
        record_event(person, "certificate_created", issued, course_id=course)
    return person


def _courses(response) -> set[str]:
    return {row["course_id"] for row in response.json()["results"]}


def test_each_institutions_admin_sees_its_own_and_the_platforms_courses(
    api, tenant_a, tenant_b, ewa
):
    seen_by_a = api.as_user(tenant_a.admin).get(
        "/api/v1/training/records/", {"institution": tenant_a.institution.pk}
    )
    seen_by_b = api.as_user(tenant_b.admin).get(
        "/api/v1/training/records/", {"institution": tenant_b.institution.pk}
    )
    own = api.as_user(ewa).get("/api/v1/training/records/")

    assert _courses(seen_by_a) == {A_COURSE, PLATFORM_COURSE}
    assert _courses(seen_by_b) == {B_COURSE, PLATFORM_COURSE}
    assert _courses(own) == {A_COURSE, B_COURSE, PLATFORM_COURSE}


def test_the_pages_and_the_export_keep_the_other_institutions_course_out(client, tenant_a, ewa):
    client.force_login(tenant_a.admin)
    base = f"/training/institutions/{tenant_a.institution.slug}/"

    pages = [
        client.get(base),
        client.get(f"{base}people/{ewa.pk}/"),
        client.get(f"{base}training.csv"),
    ]

    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert B_COURSE not in text
    assert A_COURSE in pages[2].content.decode()
    assert PLATFORM_COURSE in pages[2].content.decode()


def test_expiry_copies_go_to_the_admins_of_the_courses_institution_only(tenant_a, tenant_b, ewa):
    certificate_reminders_send_due()

    copies = {
        reminder.record.course_id: set(reminder.recipients) - {ewa.email}
        for reminder in CertificateReminder.objects.select_related("record")
    }
    assert copies == {
        A_COURSE: {tenant_a.admin.email},
        B_COURSE: {tenant_b.admin.email},
        PLATFORM_COURSE: {tenant_a.admin.email, tenant_b.admin.email},
    }
