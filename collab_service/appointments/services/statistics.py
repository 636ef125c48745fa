"""Measures of service quality over a period: volume, lead time, cancellations, no-shows,
use of the times offered, and the waiting list."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet

from collab_service.appointments.models import Agenda, Booking, CaseType, WaitingListEntry
from collab_service.appointments.selectors import case_type_agendas
from collab_service.appointments.services.slots import offered_slots
from collab_service.institutions.models import Membership

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
class UtilisationRow:
    """Seats the schedule offered for a matter and how many of them were booked."""

    name: str
    offered: int
    booked: int

    @property
    def percent(self) -> int | None:
        return round(self.booked / self.offered * 100) if self.offered else None


@dataclass
class WaitingFigures:
    joined: int = 0
    waiting_now: int = 0
    offered: int = 0
    booked: int = 0
    median_hours_to_offer: float | None = None


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
    by_unit: list[tuple[str, int]] = field(default_factory=list)
    utilisation: list[UtilisationRow] = field(default_factory=list)
    waiting: WaitingFigures = field(default_factory=WaitingFigures)

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


def _period_bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time.min, tzinfo=tz)
    return start, datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)


def visits_by_unit(
    *, bookings: QuerySet[Booking], first: date, last: date, tz: ZoneInfo
) -> list[tuple[str, int]]:
    """Visits that took place or were booked, by the units of the officials who hold them.

    An official in two units of the institution counts in both.
    """
    start, end = _period_bounds(first, last, tz)
    memberships = Membership.objects.filter(
        user__agenda__bookings__in=bookings.filter(
            start__gte=start, start__lt=end, status__in=HAPPENED
        ),
        institution_id=F("user__agenda__institution_id"),
    )
    rows = memberships.values("unit__name").annotate(n=Count("user__agenda__bookings"))
    return sorted(((row["unit__name"], row["n"]) for row in rows), key=lambda row: row[0])


def utilisation(
    *,
    case_types: QuerySet[CaseType],
    agendas: QuerySet[Agenda],
    bookings: QuerySet[Booking],
    first: date,
    last: date,
    tz: ZoneInfo,
) -> list[UtilisationRow]:
    """Per matter: seats offered by the schedule in the period, and seats booked.

    Matters handled by the same officials offer the same hours, so the rows are not summed.
    """
    start, end = _period_bounds(first, last, tz)
    booked = dict(
        bookings.filter(start__gte=start, start__lt=end, status__in=HAPPENED)
        .values("case_type_id")
        .annotate(n=Count("id"))
        .values_list("case_type_id", "n")
    )
    visible = set(agendas.values_list("pk", flat=True))
    rows = []
    for case_type in case_types.select_related("institution").order_by("name_pl", "pk"):
        handling = [a for a in case_type_agendas(case_type) if a.pk in visible]
        slots = offered_slots(case_type=case_type, agendas=handling, first=first, last=last)
        offered = sum(slot.seats_left for slot in slots)
        if offered or booked.get(case_type.pk):
            rows.append(UtilisationRow(case_type.name_pl, offered, booked.get(case_type.pk, 0)))
    return rows


def waiting_figures(
    *, entries: QuerySet[WaitingListEntry], first: date, last: date, tz: ZoneInfo
) -> WaitingFigures:
    """People who joined the waiting list in the period, what became of them, and how long
    they waited for an offer; plus how many are waiting now."""
    start, end = _period_bounds(first, last, tz)
    Status = WaitingListEntry.Status
    joined = entries.filter(created_at__gte=start, created_at__lt=end)
    waits = [
        (offered - made).total_seconds() / 3600
        for made, offered in joined.filter(offered_at__isnull=False).values_list(
            "created_at", "offered_at"
        )
    ]
    return WaitingFigures(
        joined=joined.count(),
        waiting_now=entries.filter(status=Status.WAITING).count(),
        offered=len(waits),
        booked=joined.filter(status=Status.BOOKED).count(),
        median_hours_to_offer=round(median(waits), 1) if waits else None,
    )
