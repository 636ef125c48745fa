"""A citizen books a visit with the keyboard alone, and every page of the flow passes axe."""

import pytest
from django.core import mail

from collab_service.appointments.models import Booking
from tests.collab_service.appointments.conftest import make_office
from tests.collab_service.pages.test_pages_accessible import _open_as
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches the selector, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


@pytest.mark.parametrize("language", ["pl", "en"])
def test_citizen_books_with_the_keyboard_only(browser, live_server, language, settings):
    settings.PUBLIC_URL = live_server.url
    office = make_office("K", officials=2)
    office.case_type.form_fields = [
        {
            "key": "case_no",
            "label_pl": "Numer sprawy",
            "label_en": "Case number",
            "type": "text",
            "required": True,
            "max_length": 30,
        },
    ]
    office.case_type.save()
    context, page = _open_as(browser, live_server.url, language)
    try:
        page.goto(f"{live_server.url}/institutions/{office.tenant.institution.slug}/")
        assert axe_violations(page) == []
        tab_to(page, f"a[href='/visits/book/{office.case_type.pk}/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/visits/book/**")
        assert axe_violations(page) == []

        tab_to(page, ".day-list a")
        page.keyboard.press("Enter")
        page.wait_for_selector("input[name=start]")
        assert axe_violations(page) == []

        tab_to(page, "input[name=start]")
        page.keyboard.press("Space")
        tab_to(page, "#id_name")
        page.keyboard.type("Ola Nowak")
        tab_to(page, "#id_email")
        page.keyboard.type("ola@example.org")
        tab_to(page, "#id_consent")
        page.keyboard.press("Space")
        tab_to(page, "main button[type=submit]")
        page.keyboard.press("Enter")  # the required question is still empty
        page.wait_for_selector("[role=alert]")
        assert axe_violations(page) == []

        tab_to(page, "#id_q_case_no")
        page.keyboard.type("WSO.123.2026")
        tab_to(page, "input[name=start]")
        page.keyboard.press("Space")
        tab_to(page, "#id_consent")
        if not page.is_checked("#id_consent"):
            page.keyboard.press("Space")
        tab_to(page, "main button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/visits/book/sent/**")
        assert page.locator("[role=status]").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()
    booking = Booking.objects.get()
    assert (booking.status, booking.answers) == ("held", {"case_no": "WSO.123.2026"})
    assert booking.language == language
    assert len(mail.outbox) == 1
