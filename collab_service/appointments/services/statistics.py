"""Measures of service quality over a period: volume, lead time, cancellations and no-shows."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet

from collab_service.appointments.models import Booking

Status = Booking.Status
HAPPENED = (Status.CONFIRMED, Status.CHECKED_IN, Status.DONE, Status.NO_SHOW)


@dataclass
class CaseTypeRow:
    name: str
    booked: int
    cancelled: int
    no_show: int
    done: int
    expired: int


@dataclass
class Statistics:
    first: date
    last: date
    by_case_type: list[CaseTypeRow] = field(default_factory=list)
    by_day: list[tuple[date, int]] = field(default_factory=list)
    booked: int = 0
    cancelled: int = 0
    no_show: int = 0
    done: int = 0
    lead_time_median_days: float | None = None

    @property
    def no_show_rate(self) -> float | None:
        came_or_not = self.done + self.no_show
        return self.no_show / came_or_not if came_or_not else None

    @property
    def cancellation_rate(self) -> float | None:
        total = self.booked + self.cancelled
        return self.cancelled / total if total else None


def _counts() -> dict:
    return {
        "booked": Count("id", filter=Q(status__in=HAPPENED)),
        "cancelled": Count("id", filter=Q(status=Status.CANCELLED)),
        "no_show": Count("id", filter=Q(status=Status.NO_SHOW)),
        "done": Count("id", filter=Q(status=Status.DONE)),
        "expired": Count("id", filter=Q(status=Status.EXPIRED)),
    }


def bookings_statistics(
    *, bookings: QuerySet[Booking], first: date, last: date, tz: ZoneInfo
) -> Statistics:
    """Statistics of the visits that fall between two local dates (inclusive)."""
    start = datetime.combine(first, time.min, tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    period = bookings.filter(start__gte=start, start__lt=end)
    stats = Statistics(first=first, last=last)
    for row in (
        period.values("case_type__name_pl").annotate(**_counts()).order_by("case_type__name_pl")
    ):
        stats.by_case_type.append(
            CaseTypeRow(
                row["case_type__name_pl"],
                row["booked"],
                row["cancelled"],
                row["no_show"],
                row["done"],
                row["expired"],
            )
        )
    totals = period.aggregate(**_counts())
    stats.booked, stats.cancelled = totals["booked"], totals["cancelled"]
    stats.no_show, stats.done = totals["no_show"], totals["done"]
    # Counted in Python: MySQL converts time zones only when its zone tables are loaded.
    per_day: dict[date, int] = {}
    for visit_start in period.filter(status__in=HAPPENED).values_list("start", flat=True):
        day = visit_start.astimezone(tz).date()
        per_day[day] = per_day.get(day, 0) + 1
    stats.by_day = [
        (day, per_day.get(day, 0))
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
    ]
    leads = [
        (visit - made).total_seconds() / 86400
        for made, visit in period.filter(status__in=HAPPENED).values_list("created_at", "start")
    ]
    stats.lead_time_median_days = round(median(leads), 1) if leads else None
    return stats
