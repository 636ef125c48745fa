"""The statistics page for institution admins and unit managers, with a CSV export."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from collab_service.appointments.services.statistics_scope import (
    period_statistics,
    statistics_scope,
)
from collab_service.core.dates import day_param
from collab_service.core.text import SpreadsheetWriter

MAX_DAYS = 366


def _period(request: HttpRequest, tz: ZoneInfo) -> tuple[date, date]:
    today = timezone.localtime(timezone.now(), tz).date()
    last = day_param(request.GET.get("end"), today=today, default=today)
    first = day_param(request.GET.get("start"), today=today, default=last - timedelta(days=29))
    if first > last:
        first, last = last, first
    return max(first, last - timedelta(days=MAX_DAYS)), last


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    scope = statistics_scope(request.user)
    first, last = _period(request, scope.tz)
    stats = period_statistics(scope, first, last)
    peak = max((n for _day, n in stats.by_day), default=0) or 1
    bars = []
    for index, (day, count) in enumerate(stats.by_day):
        height = round(count / peak * 100)
        bars.append(
            {"day": day, "count": count, "x": index * 8, "y": 100 - height, "height": height}
        )
    return render(
        request,
        "appointments/desk/statistics.html",
        {
            "stats": stats,
            "bars": bars,
            "chart_width": max(8 * len(bars), 8),
            "utilisation_height": max(12 * len(stats.utilisation), 12),
            "no_show_percent": _percent(stats.no_show_rate),
            "cancellation_percent": _percent(stats.cancellation_rate),
        },
    )


def _percent(rate: float | None) -> int | None:
    return None if rate is None else round(rate * 100)


@login_required
def statistics_csv(request: HttpRequest) -> HttpResponse:
    scope = statistics_scope(request.user)
    first, last = _period(request, scope.tz)
    stats = period_statistics(scope, first, last)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="visits-{first}-{last}.csv"'
    writer = SpreadsheetWriter(response)
    writer.writerow(["case_type", "booked", "cancelled", "no_show", "done", "not_confirmed"])
    for row in stats.by_case_type:
        writer.writerow([row.name, row.booked, row.cancelled, row.no_show, row.done, row.expired])
    writer.writerow([])
    writer.writerow(["day", "visits"])
    for day, count in stats.by_day:
        writer.writerow([day.isoformat(), count])
    writer.writerow([])
    writer.writerow(["unit", "visits"])
    writer.writerows(stats.by_unit)
    writer.writerow([])
    writer.writerow(["case_type", "seats_offered", "seats_booked", "utilisation_percent"])
    for row in stats.utilisation:
        writer.writerow([row.name, row.offered, row.booked, row.percent])
    writer.writerow([])
    waiting = stats.waiting
    writer.writerow(["waiting_list", "joined", "waiting_now", "offered", "booked", "median_hours"])
    writer.writerow(
        [
            "",
            waiting.joined,
            waiting.waiting_now,
            waiting.offered,
            waiting.booked,
            waiting.median_hours_to_offer,
        ]
    )
    return response
