"""The waiting-list, move-your-visit and week pages pass axe-core in Polish and English, and
their errors are announced."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.appointments.models import WaitingListEntry
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.manage import manage_token
from collab_service.appointments.services.slots import case_type_slots
from collab_service.appointments.services.waiting_list import waiting_token
from tests.collab_service.appointments.conftest import make_office
from tests.collab_service.pages.test_pages_accessible import (
    LANGUAGES,
    _check,
    _open_as,
    submit,
)
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirmed_visit(office):
    today = timezone.localdate()
    slots = case_type_slots(
        case_type=office.case_type, first=today, last=today + timedelta(days=20)
    )
    start = next(s.start for s in slots if s.start > timezone.now() + timedelta(days=1))
    booking, _ = booking_hold(
        case_type=office.case_type, start=start, citizen_name="Ola", citizen_email="o@example.org"
    )
    return booking_confirm(booking=booking)


@pytest.mark.parametrize("language", LANGUAGES)
def test_waiting_list_pages(browser, live_server, language, settings):
    settings.BOOKING_FORM_MIN_SECONDS = 0
    office = make_office("W", officials=1)
    base = live_server.url
    context, page = _open_as(browser, base, language)
    try:
        _check(page, f"{base}/visits/book/{office.case_type.pk}/", language)
        submit(page, f"a[href='/visits/waiting-list/{office.case_type.pk}/']")
        assert axe_violations(page) == []
        submit(page, "main button[type=submit]")  # nothing filled in: errors
        assert page.locator("[role=alert]").count() == 1
        assert axe_violations(page) == []
        page.fill("#id_name", "Ewa Lis")
        page.fill("#id_email", "ewa@example.org")
        page.check("#id_consent")
        submit(page, "main button[type=submit]")
        assert page.locator("[role=status]").count() == 1
        assert axe_violations(page) == []
        entry = WaitingListEntry.objects.get()
        _check(page, f"{base}/visits/waiting/{waiting_token(entry)}/", language)
        submit(page, "#withdraw-heading + form button")
        assert axe_violations(page) == []
        _check(page, f"{base}/visits/waiting/forged/", language, expect_status=400)
    finally:
        context.close()
    entry.refresh_from_db()
    assert entry.status == WaitingListEntry.Status.WITHDRAWN


@pytest.mark.parametrize("language", LANGUAGES)
def test_move_page(browser, live_server, language):
    office = make_office("M", officials=1)
    visit = _confirmed_visit(office)
    base = live_server.url
    token = manage_token(visit)
    context, page = _open_as(browser, base, language)
    try:
        _check(page, f"{base}/visits/manage/{token}/", language)
        submit(page, f"a[href='/visits/manage/{token}/move/']")
        assert axe_violations(page) == []
        submit(page, ".day-list a >> nth=1")
        submit(page, "main button[type=submit]")  # no time chosen: error
        assert page.locator("[role=alert]").count() == 1
        assert axe_violations(page) == []
        page.locator("input[name=start]").first.check()
        submit(page, "main button[type=submit]")
        assert "/move/" not in page.url
        assert page.locator(".message-success").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()
    moved = type(visit).objects.get(pk=visit.pk)
    assert (moved.sequence, moved.reference_code) == (1, visit.reference_code)
    assert moved.start != visit.start


@pytest.mark.parametrize("language", LANGUAGES)
def test_week_page(browser, live_server, language):
    office = make_office("K", officials=2)
    _confirmed_visit(office)
    base = live_server.url
    context, page = _open_as(browser, base, language, user=office.tenant.manager)
    try:
        _check(page, f"{base}/desk/week/?agenda=all", language)
        submit(page, "nav.pagination a >> nth=2")  # next week
        assert axe_violations(page) == []
    finally:
        context.close()
