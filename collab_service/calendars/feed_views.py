"""The subscription feed: the official's page to make or switch off the secret address, and
the address itself, which calendar applications fetch without signing in."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from collab_service.calendars.ics import feed_ics
from collab_service.calendars.models import CalendarFeed
from collab_service.calendars.services.feeds import feed_create, feed_revoke, feed_touch
from collab_service.core.ratelimit import rate_limit_exceeded

FEED_PAST = timedelta(days=30)
FEED_AHEAD = timedelta(days=365)
FEED_REQUESTS_PER_HOUR = 60


def feed_url(feed: CalendarFeed) -> str:
    return settings.PUBLIC_URL + reverse("calendars:feed", args=[feed.token])


def _own_feed(request: HttpRequest) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=request.user).first()


@login_required
@require_GET
def subscribe(request: HttpRequest) -> HttpResponse:
    feed = _own_feed(request)
    context = {"feed": feed, "feed_url": feed_url(feed) if feed else ""}
    return render(request, "calendars/subscribe.html", context)


def _confirm(request: HttpRequest, **context) -> HttpResponse:
    return render(request, "calendars/feed_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def feed_new(request: HttpRequest) -> HttpResponse:
    """Make the address; replacing one asks first, since the old one stops working."""
    exists = _own_feed(request) is not None
    if request.method == "GET":
        if not exists:
            return redirect("calendars:subscribe")
        return _confirm(
            request,
            heading=_("Make a new subscription address?"),
            text=_(
                "The address you have now stops working at once. Every calendar application "
                "subscribed to it has to be given the new one."
            ),
            action=reverse("calendars:feed_new"),
            button=_("Make a new address"),
        )
    feed_create(user=request.user)
    messages.success(
        request,
        _("Your new subscription address is ready; the old one no longer works.")
        if exists
        else _("Your subscription address is ready."),
    )
    return redirect("calendars:subscribe")


@login_required
@require_http_methods(["GET", "POST"])
def feed_stop(request: HttpRequest) -> HttpResponse:
    if _own_feed(request) is None:
        return redirect("calendars:subscribe")
    if request.method == "GET":
        return _confirm(
            request,
            heading=_("Switch the subscription off?"),
            text=_(
                "The address stops working at once; calendar applications subscribed to it "
                "no longer get your meetings, visits and tasks."
            ),
            action=reverse("calendars:feed_stop"),
            button=_("Switch off"),
        )
    feed_revoke(user=request.user)
    messages.success(request, _("The subscription is switched off."))
    return redirect("calendars:subscribe")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar as one iCalendar file: 30 days back, a year ahead."""
    subscription = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if subscription is None:
        raise Http404
    if rate_limit_exceeded(
        scope="calendar-feed", key=token, limit=FEED_REQUESTS_PER_HOUR, window_seconds=3600
    ):
        response = HttpResponse(
            _(
                "This calendar address was asked for too often. Set your calendar application "
                "to refresh it less often (every 15 minutes or more) and try again in an hour."
            ),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "3600"
        return response
    now = timezone.now()
    feed_touch(feed=subscription, now=now)
    ics = feed_ics(user=subscription.user, start=now - FEED_PAST, end=now + FEED_AHEAD)
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="szpon-calendar.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
