"""The calendar's views and the subscription page pass axe-core (WCAG 2.1 A/AA) in Chromium,
in Polish and English, and work with the keyboard alone."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from collab_service.calendars.models import CalendarFeed
from collab_service.tasks.models import Task
from tests.collab_service.calendars.factories import BookingFactory
from tests.collab_service.pages.test_booking_flow_keyboard import tab_to
from tests.collab_service.pages.test_pages_accessible import _check, _open_as
from tests.factories import MeetingFactory, TaskFactory, TaskListFactory
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["pl", "en"]
WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def planned(office):
    today = timezone.localdate(timezone=WARSAW)

    def at(hour: int, days: int = 0) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour), tzinfo=WARSAW)

    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    MeetingFactory(organiser=office.official, title="Narada zespołu", start=at(10), end=at(11))
    BookingFactory(agenda=office.agenda, start=at(12), end=at(12) + timedelta(minutes=30))
    TaskFactory(task_list=mine, title="Sprawozdanie", due_at=at(15))
    TaskFactory(
        task_list=mine,
        title="Inwentaryzacja",
        start_at=at(0, -1),
        due_at=at(0, 1),
        all_day=True,
        status=Task.Status.IN_PROGRESS,
    )
    return today


@pytest.mark.parametrize("language", LANGUAGES)
def test_calendar_views_pass_axe(browser, live_server, office, planned, language):
    base = live_server.url
    context, page = _open_as(browser, base, language, user=office.official)
    try:
        for view in ("day", "week", "month", "list"):
            _check(page, f"{base}/calendar/?view={view}&date={planned.isoformat()}", language)
            assert page.locator("text=Narada zespołu").count() >= 1
            assert page.locator('[aria-current="date"]').count() == 1
        _check(page, f"{base}/calendar/?view=week&date=2000-01-01", language, expect_status=400)
        _check(
            page, f"{base}/calendar/?view=day&date={planned.replace(day=1).isoformat()}", language
        )
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_subscription_pages_pass_axe(browser, live_server, office, language):
    base = live_server.url
    context, page = _open_as(browser, base, language, user=office.official)
    try:
        _check(page, f"{base}/calendar/subscribe/", language)
        CalendarFeed.objects.create(user=office.official)
        _check(page, f"{base}/calendar/subscribe/", language)
        assert page.locator("#feed-url").get_attribute("readonly") is not None
        _check(page, f"{base}/calendar/subscribe/new/", language)
        _check(page, f"{base}/calendar/subscribe/stop/", language)
    finally:
        context.close()


def test_calendar_works_with_the_keyboard(browser, live_server, office, planned):
    base = live_server.url
    context, page = _open_as(browser, base, "en", user=office.official)
    try:
        page.goto(f"{base}/calendar/?view=week&date={planned.isoformat()}")
        tab_to(page, "a[rel=prev]")
        tab_to(page, "a[rel=next]")
        tab_to(page, '.cal-entry a[href*="/meetings/"]')
        assert page.evaluate("document.activeElement.textContent") == "Narada zespołu"

        page.goto(f"{base}/calendar/?view=month&date={planned.isoformat()}")
        tab_to(page, "a[rel=next]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "view=month" in page.url
        next_month = planned.replace(day=1) + timedelta(days=32)
        assert f"date={next_month.replace(day=1).isoformat()}" in page.url

        page.goto(f"{base}/calendar/?view=month&date={planned.isoformat()}")
        tab_to(page, "#cal-date")
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # the "Show" button
        assert page.locator("h1").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_connection_page_passes_axe_in_every_state(browser, live_server, office, language):
    from django.utils import timezone as tz

    from collab_service.calendars.models import CalendarConnection

    base = live_server.url
    context, page = _open_as(browser, base, language, user=office.official)
    try:
        _check(page, f"{base}/calendar/connection/", language)
        CalendarConnection.objects.create(
            user=office.official,
            server_url="https://dav.example.org/",
            username="jan",
            state=CalendarConnection.State.FAILING,
            last_error="syncing: cannot connect",
            last_error_at=tz.now(),
            discovered_calendars=[
                {
                    "url": "https://dav.example.org/jan/work/",
                    "name": "Work",
                    "components": ["VEVENT"],
                },
                {
                    "url": "https://dav.example.org/jan/todo/",
                    "name": "Tasks",
                    "components": ["VTODO"],
                },
            ],
            events_calendar_url="https://dav.example.org/jan/work/",
        )
        _check(page, f"{base}/calendar/connection/", language)
        assert page.locator('span[lang="en"]').count() == 1
        page.locator("form[action$='/connection/calendars/'] button[type=submit]").click()
        page.wait_for_load_state()
        _check(page, f"{base}/calendar/connection/", language)
        page.fill("#id_server_url", "not an address")
        page.locator("form[action$='/calendar/connection/'] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("#error-summary").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()
