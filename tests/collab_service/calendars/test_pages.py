from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from collab_service.calendars.selectors import task_url
from collab_service.tasks.models import Task
from tests.collab_service.calendars.factories import BookingFactory
from tests.factories import MeetingFactory, TaskFactory, TaskListFactory

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
TEN = datetime(2026, 6, 10, 10, 0, tzinfo=WARSAW)  # Wednesday


@pytest.fixture
def client_of(office):
    def make(language: str = "en") -> Client:
        client = Client()
        client.force_login(office.official)
        client.cookies["collab_language"] = language
        return client

    return make


@pytest.fixture
def planned(office, frozen_now):
    """A meeting, a visit and a task on Wednesday 10 June 2026."""
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    return {
        "meeting": MeetingFactory(
            organiser=office.official,
            title="Narada zespołu",
            start=TEN,
            end=TEN + timedelta(hours=1),
        ),
        "booking": BookingFactory(
            agenda=office.agenda, start=TEN + timedelta(hours=2), end=TEN + timedelta(hours=2.5)
        ),
        "task": TaskFactory(task_list=mine, title="Sprawozdanie", due_at=TEN + timedelta(hours=5)),
    }


def test_sign_in_is_required(db):
    response = Client().get("/calendar/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("view", ["day", "week", "month", "list"])
def test_each_view_shows_the_days_entries(client_of, planned, view):
    response = client_of().get("/calendar/", {"view": view, "date": "2026-06-10"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Narada zespołu" in html
    assert f'href="/meetings/{planned["meeting"].pk}/"' in html
    assert planned["booking"].reference_code in html
    assert "Sprawozdanie" in html
    for label in ("Meeting", "Visit", "Task"):
        assert f'<span class="cal-kind">{label}</span>' in html
    assert "10:00–11:00" in html
    assert "Due 15:00" in html
    assert 'aria-current="date"' in html
    assert f'aria-current="page">{view.title()}</a>' in html


def test_default_view_is_this_week(client_of, planned):
    html = client_of().get("/calendar/").content.decode()

    assert "Week 8 June – 14 June 2026" in html
    assert "Narada zespołu" in html


def test_month_is_a_table_with_weekday_headers(client_of, planned):
    html = client_of().get("/calendar/", {"view": "month", "date": "2026-06-10"}).content.decode()

    assert "<caption>Calendar for June 2026</caption>" in html
    assert html.count('<th scope="col">') == 7
    assert '<th scope="col">Monday</th>' in html
    assert "Wednesday, 10 June 2026" in html
    assert "?view=month&amp;date=2026-05-01" in html  # previous month
    assert "?view=month&amp;date=2026-07-01" in html  # next month


def test_navigation_links(client_of, planned):
    html = client_of().get("/calendar/", {"view": "day", "date": "2026-06-12"}).content.decode()

    assert 'href="/calendar/?view=day&amp;date=2026-06-11" rel="prev"' in html
    assert 'href="/calendar/?view=day&amp;date=2026-06-13" rel="next"' in html
    assert 'href="/calendar/?view=day&amp;date=2026-06-10">Today' in html
    assert "Nothing planned for this day." in html
    assert 'aria-current="date"' not in html


@pytest.mark.parametrize("view", ["day", "week", "month", "list"])
def test_polish_is_the_default(client_of, planned, view):
    response = client_of("pl").get("/calendar/", {"view": view, "date": "2026-06-10"})
    html = response.content.decode()

    assert response.status_code == 200

    assert '<html lang="pl">' in html
    assert "Narada zespołu" in html


def test_a_multi_day_task_shows_on_each_day(client_of, office, frozen_now):
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    TaskFactory(
        task_list=mine,
        title="Inwentaryzacja",
        start_at=datetime(2026, 6, 9, tzinfo=WARSAW),
        due_at=datetime(2026, 6, 11, tzinfo=WARSAW),
        all_day=True,
    )

    html = client_of().get("/calendar/", {"view": "week", "date": "2026-06-10"}).content.decode()

    assert html.count("Inwentaryzacja") == 3
    assert "Starts" in html
    assert "Continues" in html
    assert "Due" in html


def test_others_entries_do_not_show(client_of, office, frozen_now):
    MeetingFactory(
        organiser=office.colleague, title="Cudza narada", start=TEN, end=TEN + timedelta(hours=1)
    )
    BookingFactory(agenda=office.other_agenda, start=TEN, citizen_name="Anna Obca")
    TaskFactory(
        task_list=TaskListFactory(institution=office.tenant.institution, owner=office.colleague),
        title="Cudze zadanie",
        due_at=TEN,
    )

    html = client_of().get("/calendar/", {"view": "list", "date": "2026-06-10"}).content.decode()

    assert "Cudza narada" not in html
    assert "Anna Obca" not in html
    assert "Cudze zadanie" not in html
    assert "Nothing planned for this month." in html


def test_a_task_links_to_its_page_once_the_tasks_app_has_one(client_of, planned):
    html = client_of().get("/calendar/", {"view": "day", "date": "2026-06-10"}).content.decode()

    task = planned["task"]
    assert (
        (f'href="{task_url(task)}"' in html) if task_url(task) else ("Sprawozdanie</span>" in html)
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"view": "year"}, "This calendar view does not exist"),
        ({"view": "<script>"}, "This calendar view does not exist"),
        ({"date": "2026-13-01"}, "The date must be written as year-month-day"),
        ({"date": "tomorrow"}, "The date must be written as year-month-day"),
        ({"date": "9999-12-31"}, "The date must be written as year-month-day"),
        ({"view": "month", "date": "0001-01-01"}, "The date must be written as year-month-day"),
    ],
)
def test_bad_parameters_are_a_clear_400(client_of, office, params, message):
    response = client_of().get("/calendar/", params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_bad_parameters_in_polish(client_of, office):
    response = client_of("pl").get("/calendar/", {"view": "year"})

    assert response.status_code == 400
    assert '<html lang="pl">' in response.content.decode()


def test_cancelled_task_and_status_labels(client_of, office, frozen_now):
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    TaskFactory(task_list=mine, title="Odwołane", due_at=TEN, status=Task.Status.CANCELLED)
    TaskFactory(task_list=mine, title="Zrobione", due_at=TEN, status=Task.Status.DONE)

    html = client_of().get("/calendar/", {"view": "day", "date": "2026-06-10"}).content.decode()

    assert "Odwołane" not in html
    assert "Zrobione" in html
    assert '<span class="cal-status">Done</span>' in html


def test_the_calendar_points_at_the_subscription_page(client_of, office):
    html = client_of().get("/calendar/").content.decode()

    assert 'href="/calendar/subscribe/"' in html
