"""The days a calendar view shows, and where each entry falls among them."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from collab_service.calendars.selectors import CalendarEntry

VIEWS = ("day", "week", "month", "list")
DEFAULT_VIEW = "week"


@dataclass(frozen=True)
class Period:
    view: str
    anchor: date
    first: date  # the first day of the period
    last: date  # its last day (inclusive)
    previous: date
    next: date

    def window(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) of the days shown; a month grid shows whole weeks around the month."""
        first, last = (self.grid_first, self.grid_last) if self.view == "month" else self.span
        start = datetime.combine(first, time.min, tzinfo=tz)
        return start, datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)

    @property
    def span(self) -> tuple[date, date]:
        return self.first, self.last

    @property
    def grid_first(self) -> date:
        return self.first - timedelta(days=self.first.weekday())

    @property
    def grid_last(self) -> date:
        return self.last + timedelta(days=6 - self.last.weekday())


def _month_first(day: date, months: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_for(view: str, anchor: date) -> Period:
    if view == "day":
        return Period(view, anchor, anchor, anchor, anchor - timedelta(1), anchor + timedelta(1))
    if view == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        sunday = monday + timedelta(days=6)
        return Period(view, anchor, monday, sunday, anchor - timedelta(7), anchor + timedelta(7))
    first = _month_first(anchor)
    last = _month_first(anchor, 1) - timedelta(days=1)
    return Period(view, anchor, first, last, _month_first(anchor, -1), _month_first(anchor, 1))


@dataclass(frozen=True)
class Placed:
    """An entry on one day, with the time text that day shows for it."""

    entry: CalendarEntry
    when: str


@dataclass
class Day:
    day: date
    is_today: bool
    in_period: bool
    items: list[Placed] = field(default_factory=list)


def _hm(value: datetime) -> str:
    return formats.time_format(value, "H:i")


def _days_of(entry: CalendarEntry, tz: ZoneInfo) -> tuple[datetime, datetime | None, date, date]:
    start = timezone.localtime(entry.start, tz)
    end = timezone.localtime(entry.end, tz) if entry.end is not None else None
    if end is None:
        return start, end, start.date(), start.date()
    # A task is due at its DUE moment (that day counts); an event ends just before its end.
    last = end if entry.kind == "task" else end - timedelta(microseconds=1)
    return start, end, start.date(), max(start.date(), last.date())


def _task_when(entry: CalendarEntry, start, end, day: date, first: date, last: date) -> str:
    if end is None:
        label = _("Due") if entry.due is not None else _("Starts")
        return label if entry.all_day else f"{label} {_hm(start)}"
    if day == last:
        return _("Due") if entry.all_day else f"{_('Due')} {_hm(end)}"
    if day == first:
        return _("Starts") if entry.all_day else f"{_('Starts')} {_hm(start)}"
    return _("Continues")


def _event_when(start: datetime, end: datetime, day: date, first: date, last: date) -> str:
    if first == last:
        return f"{_hm(start)}–{_hm(end)}"
    if day == first:
        return _("From %(time)s") % {"time": _hm(start)}
    if day == last:
        return _("Until %(time)s") % {"time": _hm(end)}
    return _("All day")


def when_on(entry: CalendarEntry, day: date, tz: ZoneInfo) -> str:
    start, end, first, last = _days_of(entry, tz)
    if entry.kind == "task":
        return _task_when(entry, start, end, day, first, last)
    return _event_when(start, end, day, first, last)


def lay_out(
    entries: list[CalendarEntry], *, first: date, last: date, period: Period, today: date, tz
) -> list[Day]:
    """Days ``first``..``last``, each with the entries falling on it (an entry spanning days
    appears on each of them)."""
    count = (last - first).days + 1
    days = [
        Day(d, d == today, period.first <= d <= period.last)
        for d in (first + timedelta(n) for n in range(count))
    ]
    for entry in entries:
        _start, _end, entry_first, entry_last = _days_of(entry, tz)
        for cell in days:
            if entry_first <= cell.day <= entry_last:
                cell.items.append(Placed(entry, when_on(entry, cell.day, tz)))
    return days
