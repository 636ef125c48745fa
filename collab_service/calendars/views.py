"""The official's calendar: a day, a week, a month or a list of their meetings, visits and tasks."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from collab_service.calendars.periods import DEFAULT_VIEW, VIEWS, lay_out, period_for
from collab_service.calendars.selectors import calendar_entries, user_time_zone
from collab_service.core.dates import day_param


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    context = {"status": 400, "message": message}
    return render(request, "errors/error.html", context, status=400)


def _steps(view: str) -> tuple[str, str]:
    return {
        "day": (_("Previous day"), _("Next day")),
        "week": (_("Previous week"), _("Next week")),
    }.get(view, (_("Previous month"), _("Next month")))


def _link(view: str, day) -> str:
    return f"{reverse('calendars:calendar')}?{urlencode({'view': view, 'date': day.isoformat()})}"


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    tz = user_time_zone(request.user)
    today = timezone.localtime(timezone.now(), tz).date()
    view = request.GET.get("view") or DEFAULT_VIEW
    if view not in VIEWS:
        return _bad_request(
            request, _("This calendar view does not exist: choose day, week, month or list.")
        )
    raw = request.GET.get("date")
    anchor = day_param(raw, today=today) if raw else today
    if anchor is None:
        return _bad_request(
            request,
            _("The date must be written as year-month-day, e.g. 2026-06-01, within ten years."),
        )
    period = period_for(view, anchor)
    start, end = period.window(tz)
    entries = calendar_entries(user=request.user, start=start, end=end)
    first, last = (period.grid_first, period.grid_last) if view == "month" else period.span
    days = lay_out(entries, first=first, last=last, period=period, today=today, tz=tz)
    context = {
        "view": view,
        "period": period,
        "today": today,
        "time_zone": str(tz),
        "days": days,
        "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
        "busy_days": [d for d in days if d.items],
        "has_entries": bool(entries),
        "steps": _steps(view),
        "previous_url": _link(view, period.previous),
        "next_url": _link(view, period.next),
        "today_url": _link(view, today),
        "list_url": _link("list", anchor),
        "views": [
            (name, label, _link(name, anchor))
            for name, label in (
                ("day", _("Day")),
                ("week", _("Week")),
                ("month", _("Month")),
                ("list", _("List")),
            )
        ],
    }
    return render(request, f"calendars/{view}.html", context)
