"""The set-up pages pass axe-core in Polish and English, also with their errors shown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.appointments.models import AvailabilityException
from tests.collab_service.appointments.conftest import make_office
from tests.collab_service.pages.test_pages_accessible import LANGUAGES, _check, _open_as, submit
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _office_with_exceptions():
    office = make_office("S")
    start = timezone.now() + timedelta(days=3)
    for agenda, kind in [(office.agendas[0], "leave"), (None, "closure")]:
        AvailabilityException.objects.create(
            institution=office.tenant.institution,
            agenda=agenda,
            kind=kind,
            start=start,
            end=start + timedelta(hours=4),
            note="Szkolenie",
        )
    office.case_type.form_fields = [
        {"key": "vin", "label_pl": "Numer VIN", "label_en": "VIN", "type": "text", "max_length": 17}
    ]
    office.case_type.save()
    return office


def _error_shown(page) -> None:
    assert page.locator("[role=alert]").count() == 1
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_setup_pages(browser, live_server, language):
    office = _office_with_exceptions()
    base = f"{live_server.url}/desk/setup/{office.tenant.institution.slug}/"
    agenda = f"{base}agendas/{office.agendas[0].pk}/"
    row = office.agendas[0].working_hours.first()
    context, page = _open_as(browser, live_server.url, language, user=office.tenant.admin)
    try:
        for path in [
            base,
            f"{base}locations/",
            f"{base}locations/{office.location.pk}/",
            f"{base}case-types/",
            f"{base}case-types/{office.case_type.pk}/",
            f"{base}officials/",
            agenda,
            f"{agenda}hours/{row.pk}/",
            f"{base}closures/",
        ]:
            _check(page, path, language)

        _check(page, f"{base}locations/add/", language)
        submit(page, "main button[type=submit]")  # no name: an error
        _error_shown(page)

        _check(page, f"{base}case-types/add/", language)
        submit(page, "main button.primary")
        _error_shown(page)

        _check(page, f"{base}case-types/{office.case_type.pk}/questions/", language)
        page.fill("#id_q-0-label_pl", "")
        submit(page, "main button.primary")
        _error_shown(page)

        _check(page, f"{agenda}hours/add/", language)
        page.select_option("#id_weekday", "0")
        page.fill("#id_start_time", "12:00")
        page.fill("#id_end_time", "13:00")  # overlaps the Monday hours
        submit(page, "main button.primary")
        _error_shown(page)
        page.fill("#id_end_time", "11:00")
        submit(page, "main button.primary")
        _error_shown(page)

        _check(page, f"{agenda}exceptions/add/", language)
        submit(page, "main button.primary")
        _error_shown(page)

        _check(page, f"{base}closures/add/", language)
        submit(page, "main button.primary")
        _error_shown(page)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unit_manager_setup_pages_and_links(browser, live_server, language):
    office = make_office("U")
    slug = office.tenant.institution.slug
    context, page = _open_as(browser, live_server.url, language, user=office.tenant.manager)
    try:
        _check(page, f"{live_server.url}/desk/", language)
        submit(page, "main a[href='/desk/setup/']")
        assert page.url.endswith(f"/desk/setup/{slug}/")
        assert axe_violations(page) == []
        _check(page, f"{live_server.url}/desk/setup/{slug}/officials/", language)
        _check(page, f"{live_server.url}/desk/setup/{slug}/locations/", language, expect_status=403)
    finally:
        context.close()
