"""Every meeting page passes axe-core (WCAG 2.1 AA) in Chromium, in Polish and English."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.collab_service.pages.test_pages_accessible import _check, _open_as, submit
from tests.conftest import make_tenant
from tests.factories import MeetingFactory, ParticipantFactory
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_meeting_pages(browser, live_server, language):
    tenant = make_tenant("A")
    meeting = MeetingFactory(
        organiser=tenant.manager,
        institution=tenant.institution,
        start=timezone.now() - timedelta(minutes=5),
        description="Plan pracy\nna grudzień",
    )
    ParticipantFactory(meeting=meeting, name="Ewa Gość", invited_at=timezone.now())
    base = live_server.url
    context, page = _open_as(browser, base, language, user=tenant.manager)
    try:
        for path in [
            "/meetings/",
            "/meetings/new/",
            f"/meetings/{meeting.pk}/",
            f"/meetings/{meeting.pk}/edit/",
        ]:
            _check(page, base + path, language)
        page.goto(base + "/meetings/new/")
        page.fill("#id_guests", "not an address")
        submit(page, "form:not(.inline-form) button[type=submit]")
        assert page.locator("#error-summary").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()
