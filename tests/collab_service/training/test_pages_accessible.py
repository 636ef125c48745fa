"""Every training page passes axe-core (WCAG 2.1 AA) in Chromium, in Polish and English."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.training.models import CertificatePolicy
from tests.collab_service.pages.test_pages_accessible import _check, _open_as, submit
from tests.collab_service.training.conftest import COURSE, COURSE_NAME, T0, record_event
from tests.conftest import make_tenant
from tests.factories import CertificatePolicyFactory, UserFactory
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = ["pl", "en"]


@pytest.fixture
def site(live_server, settings):
    settings.LMS_URL = "https://lms.szpon.example"
    tenant = make_tenant("A")
    make_tenant("B")
    CertificatePolicyFactory(
        course_id=COURSE,
        course_name=COURSE_NAME,
        validity_months=12,
        notify_institution_admins=True,
    )
    now = timezone.now()
    record_event(
        tenant.official,
        "certificate_created",
        now - timedelta(days=400),
        certificate={"mode": "verified", "download_url": "/certificates/abc"},
    )
    record_event(
        tenant.official,
        "enrollment_created",
        T0,
        course_id="course-v1:UM+BHP+2026",
        course_name="BHP w urzędzie",
    )
    record_event(tenant.manager, "certificate_created", now - timedelta(days=350))
    record_event(tenant.manager, "certificate_revoked", now - timedelta(days=1))
    record_event(tenant.admin, "certificate_created", now - timedelta(days=20))
    record_event(tenant.admin, "passing_status_updated", T0, course_id="course-v1:UM+BHP+2026")
    return live_server.url, tenant


@pytest.mark.parametrize("language", LANGUAGES)
def test_official_pages(browser, site, language):
    base, tenant = site
    context, page = _open_as(browser, base, language, user=tenant.official)
    try:
        _check(page, base + "/training/", language)
        _check(page, base + "/training/rules/", language, expect_status=403)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_institution_admin_pages(browser, site, language):
    base, tenant = site
    slug = tenant.institution.slug
    context, page = _open_as(browser, base, language, user=tenant.admin)
    try:
        for path in [
            "/training/",
            f"/training/institutions/{slug}/",
            f"/training/institutions/{slug}/?state=expired&unit={tenant.unit.pk}",
            f"/training/institutions/{slug}/?state=trained&course=nothing",
            f"/training/institutions/{slug}/people/{tenant.official.pk}/",
            f"/training/institutions/{slug}/people/{tenant.manager.pk}/",
            "/training/rules/",
        ]:
            _check(page, base + path, language)
        _check(page, base + "/training/institutions/urzad-b/", language, expect_status=404)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_platform_admin_rule_pages(browser, site, language):
    base, _tenant = site
    admin = UserFactory(username="root-admin", is_superuser=True, is_staff=True)
    policy = CertificatePolicy.objects.get()
    context, page = _open_as(browser, base, language, user=admin)
    try:
        for path in [
            "/training/rules/",
            "/training/rules/new/",
            f"/training/rules/{policy.pk}/edit/",
            f"/training/rules/{policy.pk}/delete/",
        ]:
            _check(page, base + path, language)
        page.goto(base + "/training/rules/new/")
        page.fill("#id_course_id", "kurs z odstępem")
        page.fill("#id_validity_months", "0")
        submit(page, "main form[method=post] button.primary")
        assert page.locator("#error-summary").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()
