"""Every page of the core passes axe-core (WCAG 2.1 A/AA) in Chromium, in Polish and English."""

from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.conftest import make_tenant
from tests.factories import UserFactory
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["pl", "en"]


@pytest.fixture
def site(live_server):
    tenant = make_tenant("A")
    make_tenant("B")
    return live_server.url, tenant


def _open_as(browser, base_url: str, language: str, user=None):
    context = browser.new_context(locale="pl-PL" if language == "pl" else "en-GB")
    host = urlparse(base_url).hostname
    cookies = [
        {
            "name": django_settings.LANGUAGE_COOKIE_NAME,
            "value": language,
            "domain": host,
            "path": "/",
        }
    ]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": session,
                "domain": host,
                "path": "/",
            }
        )
    context.add_cookies(cookies)
    return context, context.new_page()


def submit(page, selector: str) -> None:
    """Click a control that loads a page, and wait until that page has loaded."""
    with page.expect_navigation():
        page.click(selector)


def _check(page, url: str, language: str, expect_status: int = 200) -> None:
    response = page.goto(url)
    assert response.status == expect_status, url
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main#main").count() == 1
    assert page.locator("h1").count() == 1
    assert "<" not in page.title(), page.title()
    assert page.title().endswith("SZPoN"), page.title()
    violations = axe_violations(page)
    assert violations == [], f"{url}: {violations}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages(browser, site, language):
    base, tenant = site
    context, page = _open_as(browser, base, language)
    try:
        for path in [
            "/",
            f"/institutions/{tenant.institution.slug}/",
            "/accounts/login/",
            "/accounts/password/reset/",
            "/accounts/password/reset/sent/",
            "/accounts/password/set/MQ/bad-token/",
            "/api/docs/",
            "/?q=nothing-matches",
        ]:
            _check(page, base + path, language)
        _check(page, base + "/no-such-page/", language, expect_status=404)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_errors_are_announced_and_accessible(browser, site, language):
    base, _tenant = site
    context, page = _open_as(browser, base, language)
    try:
        page.goto(base + "/accounts/login/")
        page.fill("#id_username", "nobody")
        page.fill("#id_password", "wrong")
        submit(page, "main button[type=submit]")
        assert page.locator("[role=alert]").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_official_pages(browser, site, language):
    base, tenant = site
    context, page = _open_as(browser, base, language, user=tenant.official)
    try:
        _check(page, base + "/app/", language)
        _check(page, base + f"/app/{tenant.institution.slug}/", language)
        _check(page, base + f"/app/{tenant.institution.slug}/?q=zzz", language)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_import_page_with_report(browser, site, language, tmp_path):
    base, tenant = site
    context, page = _open_as(browser, base, language, user=tenant.admin)
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "email;full_name;unit\n"
        f"nowy@example.gov.pl;Nowy Urzędnik;{tenant.unit.slug}\n"
        f"zly-adres;Zły;{tenant.unit.slug}\n",
        encoding="utf-8",
    )
    try:
        _check(page, base + f"/app/{tenant.institution.slug}/people/add/", language)
        submit(page, "main button[type=submit]")  # empty form: errors
        assert page.locator("[role=alert]").count() == 1
        assert axe_violations(page) == []
        _check(page, base + f"/app/{tenant.institution.slug}/people/import/", language)
        page.set_input_files("#id_file", str(csv_file))
        page.check("#id_dry_run")
        submit(page, "main button[type=submit]")  # the check only: its report on the page
        assert page.locator("#report table tbody tr").count() == 1
        assert axe_violations(page) == []
        page.set_input_files("#id_file", str(csv_file))
        page.uncheck("#id_dry_run")
        submit(page, "main button[type=submit]")  # the import: its progress and result page
        assert "/people/import/" in page.url
        assert page.locator("h1").count() == 1
        assert page.locator("table tbody tr").count() == 1
        assert page.locator("a[download]").count() == 1
        assert axe_violations(page) == []
        _check(page, base + f"/app/{tenant.institution.slug}/people/import/", language)
        submit(page, "main button[type=submit]")  # no file chosen: a form error
        assert page.locator("[role=alert]").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_pages(browser, site, language):
    base, tenant = site
    admin = UserFactory(username="platform", is_superuser=True, is_staff=True)
    context, page = _open_as(browser, base, language, user=admin)
    try:
        for path in [
            "/admin/",
            "/admin/institutions/institution/",
            f"/admin/institutions/institution/{tenant.institution.pk}/change/",
            "/admin/institutions/membership/",
            "/admin/institutions/membership/add/",
            "/admin/institutions/invitation/",
            "/admin/institutions/peopleimport/",
            "/admin/institutions/unit/add/",
            f"/admin/accounts/user/{tenant.official.pk}/change/",
            "/admin/notifications/outgoingemail/",
            "/admin/appointments/casetype/add/",
            "/admin/appointments/agenda/add/",
            "/admin/appointments/booking/",
        ]:
            response = page.goto(base + path)
            assert response.status == 200
            violations = axe_violations(page)
            assert violations == [], f"{path}: {violations}"
    finally:
        context.close()


def test_language_switch_and_skip_link(browser, site):
    base, _tenant = site
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(base + "/")
        assert page.locator("html").get_attribute("lang") == "pl"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        assert page.locator(".skip-link").is_visible()
        submit(page, "button[lang=en]")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == "Public institutions"
        submit(page, "button[lang=pl]")
        assert page.locator("h1").inner_text() == "Instytucje publiczne"
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_visit_confirmation_pages(browser, live_server, language):
    from datetime import timedelta

    from django.utils import timezone

    from collab_service.appointments.models import Booking
    from collab_service.appointments.services.confirmation import confirmation_token
    from tests.collab_service.appointments.conftest import make_office

    office = make_office("V", officials=1)
    start = timezone.now() + timedelta(days=2)
    booking = Booking.objects.create(
        institution=office.tenant.institution,
        case_type=office.case_type,
        agenda=office.agendas[0],
        location=office.location,
        mode="in_person",
        start=start,
        end=start + timedelta(minutes=30),
        block_start=start,
        block_end=start,
        seat=1,
        hold_expires_at=timezone.now() + timedelta(minutes=15),
        reference_code="ABCD2345",
        citizen_name="Ola",
        citizen_email="ola@example.org",
    )
    base = live_server.url
    context, page = _open_as(browser, base, language)
    try:
        _check(page, f"{base}/visits/confirm/{confirmation_token(booking)}/", language)
        submit(page, "main button[type=submit]")  # confirm: lands on the manage page
        assert "/visits/manage/" in page.url
        assert page.locator("[role=status]").count() == 1
        assert axe_violations(page) == []
        page.fill("#id_reason", "Choroba")
        submit(page, "main button[type=submit]")  # cancel
        assert axe_violations(page) == []
        _check(page, f"{base}/visits/confirm/forged/", language, expect_status=400)
        _check(page, f"{base}/visits/manage/forged/", language, expect_status=400)
        _check(page, f"{base}/visits/status/", language)
        submit(page, "main button[type=submit]")  # empty lookup: errors
        assert page.locator("[role=alert]").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()
    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason) == ("cancelled", "Choroba")


@pytest.mark.parametrize("language", LANGUAGES)
def test_desk_pages(browser, live_server, language):
    from collab_service.appointments.models import Booking
    from tests.collab_service.appointments.conftest import make_office

    office = make_office("D", officials=2)
    base = live_server.url
    context, page = _open_as(browser, base, language, user=office.tenant.manager)
    try:
        _check(page, f"{base}/desk/", language)
        page.fill("#id_reference_code", "NOPE1234")
        submit(page, "#check-in-heading + form button")
        assert page.locator(".message-error").count() == 1
        assert axe_violations(page) == []
        page.fill("#id_start", "10:00")
        page.fill("#id_end", "09:00")
        submit(page, "#block-heading ~ form button[type=submit]")
        assert axe_violations(page) == []
        _check(
            page,
            f"{base}/desk/book/?agenda={office.agendas[0].pk}&case_type={office.case_type.pk}",
            language,
        )
    finally:
        context.close()
    context, page = _open_as(browser, base, language, user=office.tenant.admin)
    try:
        _check(page, f"{base}/desk/", language)
    finally:
        context.close()
    assert not Booking.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_statistics_page(browser, live_server, language):
    from tests.collab_service.appointments.conftest import make_office

    office = make_office("S", officials=1)
    base = live_server.url
    context, page = _open_as(browser, base, language, user=office.tenant.admin)
    try:
        _check(page, f"{base}/desk/statistics/", language)
        assert page.locator("svg[role=img] title").count() >= 1
    finally:
        context.close()
