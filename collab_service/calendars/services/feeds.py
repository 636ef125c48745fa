"""The secret subscription address of an official's calendar: make, replace, switch off."""

from datetime import datetime, timedelta

from django.db import transaction

from collab_service.accounts.models import User
from collab_service.calendars.models import CalendarFeed

# How stale ``last_used_at`` may get: calendar applications fetch every few minutes.
TOUCH_EVERY = timedelta(hours=1)


@transaction.atomic
def feed_create(*, user: User) -> CalendarFeed:
    """A new address; the old one, if any, stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)


def feed_revoke(*, user: User) -> bool:
    """Switch the address off; False when there was none."""
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    return deleted > 0


def feed_touch(*, feed: CalendarFeed, now: datetime) -> None:
    """Record a fetch, at most once per ``TOUCH_EVERY`` (no write for every fetch)."""
    if feed.last_used_at is not None and now - feed.last_used_at < TOUCH_EVERY:
        return
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    feed.last_used_at = now
