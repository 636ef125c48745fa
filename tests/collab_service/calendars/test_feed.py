from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from collab_service.calendars import feed_views
from collab_service.calendars.models import CalendarFeed
from tests.collab_service.calendars.factories import BookingFactory
from tests.factories import MeetingFactory, TaskFactory, TaskListFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(office):
    client = Client()
    client.force_login(office.official)
    client.cookies["collab_language"] = "en"
    return client


def feed_path(feed: CalendarFeed) -> str:
    return f"/calendar/feed/{feed.token}.ics"


def test_the_feed_is_my_calendar(office):
    now = timezone.now()
    meeting = MeetingFactory(organiser=office.official, title="Moja narada")
    booking = BookingFactory(agenda=office.agenda)
    BookingFactory(agenda=office.other_agenda, citizen_name="Anna Obca")
    MeetingFactory(organiser=office.colleague, title="Cudza narada")
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    TaskFactory(task_list=mine, title="Stare", due_at=now - timedelta(days=31))
    TaskFactory(task_list=mine, title="Dalekie", due_at=now + timedelta(days=366))
    TaskFactory(task_list=mine, title="Bliskie", due_at=now - timedelta(days=29))
    feed = CalendarFeed.objects.create(user=office.official)

    response = Client().get(feed_path(feed))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    calendar = Calendar.from_ical(response.content)
    summaries = {str(c["SUMMARY"]) for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}
    visit = next(s for s in summaries if booking.reference_code in s)
    assert summaries == {"Moja narada", visit, "Bliskie"}
    assert "Anna Obca" not in response.content.decode()
    assert meeting.title in response.content.decode()


def test_unknown_and_revoked_addresses_are_404(office, signed_in):
    feed = CalendarFeed.objects.create(user=office.official)
    old = feed_path(feed)
    assert Client().get(old).status_code == 200

    signed_in.post("/calendar/subscribe/new/")

    assert Client().get(old).status_code == 404
    assert Client().get(feed_path(CalendarFeed.objects.get())).status_code == 200
    assert Client().get("/calendar/feed/nothing-here.ics").status_code == 404
    assert Client().get("/calendar/feed/bad%20token.ics").status_code == 404


def test_a_deactivated_persons_feed_is_404(office):
    feed = CalendarFeed.objects.create(user=office.official)
    office.official.is_active = False
    office.official.save()

    assert Client().get(feed_path(feed)).status_code == 404


def test_last_use_is_written_at_most_once_an_hour(office):
    feed = CalendarFeed.objects.create(user=office.official)
    first = timezone.now()
    client = Client()

    with mock.patch("django.utils.timezone.now", return_value=first):
        client.get(feed_path(feed))
    feed.refresh_from_db()
    assert feed.last_used_at == first

    with mock.patch("django.utils.timezone.now", return_value=first + timedelta(minutes=59)):
        client.get(feed_path(feed))
    feed.refresh_from_db()
    assert feed.last_used_at == first

    later = first + timedelta(minutes=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        client.get(feed_path(feed))
    feed.refresh_from_db()
    assert feed.last_used_at == later


def test_too_many_fetches_are_429(office, monkeypatch):
    monkeypatch.setattr(feed_views, "FEED_REQUESTS_PER_HOUR", 2)
    feed = CalendarFeed.objects.create(user=office.official)
    other = CalendarFeed.objects.create(user=office.colleague)
    client = Client()

    assert [client.get(feed_path(feed)).status_code for _ in range(3)] == [200, 200, 429]
    response = client.get(feed_path(feed))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Retry-After"] == "3600"
    assert client.get(feed_path(other)).status_code == 200


def test_subscribe_page_makes_renews_and_switches_off(office, signed_in):
    page = signed_in.get("/calendar/subscribe/")
    assert page.status_code == 200
    assert "You have no subscription address yet." in page.content.decode()

    response = signed_in.post("/calendar/subscribe/new/")
    assert response.status_code == 302
    first = CalendarFeed.objects.get(user=office.official)
    html = signed_in.get("/calendar/subscribe/").content.decode()
    assert f'value="http://testserver/calendar/feed/{first.token}.ics"' in html
    assert '<label for="feed-url">' in html
    assert "readonly" in html

    confirm = signed_in.get("/calendar/subscribe/new/")
    assert confirm.status_code == 200
    assert "stops working" in confirm.content.decode()
    assert CalendarFeed.objects.get(user=office.official).token == first.token
    signed_in.post("/calendar/subscribe/new/")
    assert CalendarFeed.objects.get(user=office.official).token != first.token

    assert signed_in.get("/calendar/subscribe/stop/").status_code == 200
    signed_in.post("/calendar/subscribe/stop/")
    assert not CalendarFeed.objects.filter(user=office.official).exists()
    assert signed_in.get("/calendar/subscribe/stop/").status_code == 302


def test_subscribe_page_in_polish(office):
    client = Client()
    client.force_login(office.official)

    response = client.get("/calendar/subscribe/")

    assert response.status_code == 200
    assert '<html lang="pl">' in response.content.decode()


def test_subscribe_pages_need_sign_in(db):
    for path in ("/calendar/subscribe/", "/calendar/subscribe/new/", "/calendar/subscribe/stop/"):
        assert Client().get(path).status_code == 302


def test_making_an_address_does_not_touch_anothers(office, signed_in):
    theirs = CalendarFeed.objects.create(user=office.colleague)

    signed_in.post("/calendar/subscribe/new/")
    signed_in.post("/calendar/subscribe/stop/")

    assert CalendarFeed.objects.get(user=office.colleague).token == theirs.token
