"""The invitation pages in Chromium: axe-clean in Polish and English, and no sideways scrolling
on a 320 px phone — the waiting list of the institution page, the answer page with its account
form and errors, and the page of a link that no longer works."""

import re

import pytest
from django.core import mail

from collab_service.institutions.services.invitations import person_add
from tests.collab_service.pages.test_pages_accessible import _open_as, submit
from tests.conftest import make_tenant
from tests.infra.browser import axe_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 1280]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_invitation_pages_are_accessible_and_fit_a_phone(browser, live_server, settings, language):
    tenant = make_tenant("A")
    settings.PUBLIC_URL = live_server.url
    person_add(
        institution=tenant.institution,
        email="nowa.osoba.z.bardzo.dlugim.adresem@przyklad.gov.pl",
        full_name="Nowa Osoba",
        unit=tenant.unit,
        invited_by=tenant.manager,
        language=language,
    )
    (message,) = mail.outbox
    (link,) = re.findall(r"(http://\S+/invitations/\S+/)", message.body)
    context, page = _open_as(browser, live_server.url, language, user=tenant.admin)
    anonymous, answer = _open_as(browser, live_server.url, language)
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            answer.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{live_server.url}/app/{tenant.institution.slug}/")
            assert page.locator("#invitations-heading").count() == 1
            assert axe_violations(page) == []
            assert horizontal_overflow(page) == 0, width

            assert answer.goto(link).status == 200
            assert answer.locator("h1").count() == 1
            assert axe_violations(answer) == []
            assert horizontal_overflow(answer) == 0, width
            submit(answer, "button[value=create]")  # nothing filled in: errors
            assert answer.locator("[role=alert]").count() == 1
            assert axe_violations(answer) == []
            assert horizontal_overflow(answer) == 0, width

        assert answer.goto(link[:-4] + "xyz/").status == 404
        assert axe_violations(answer) == []
    finally:
        context.close()
        anonymous.close()
