"""Free slots from working hours, exceptions, holidays, busy time and bookings.

Pure functions over plain data: working hours are expanded per local date in the institution's
time zone (so both DST switches are right), and everything else is compared in UTC.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class HoursRule:
    weekday: int
    start: time
    end: time
    location_id: int | None
    valid_from: date | None = None
    valid_until: date | None = None

    def applies_to(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or day >= self.valid_from)
            and (self.valid_until is None or day <= self.valid_until)
        )


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    location_id: int | None


@dataclass(frozen=True)
class SlotRules:
    duration: timedelta
    buffer_before: timedelta
    buffer_after: timedelta
    min_notice: timedelta
    horizon: timedelta
    capacity: int
    case_type_id: int
    step: timedelta | None = None


@dataclass(frozen=True)
class TakenSeat:
    """An active booking as availability sees it."""

    start: datetime
    block_start: datetime
    block_end: datetime
    case_type_id: int


@dataclass(frozen=True)
class AgendaDay:
    """What is known about one official for the period asked."""

    agenda_id: int
    hours: tuple[HoursRule, ...]
    extra: tuple[Window, ...] = ()
    unavailable: tuple[Interval, ...] = ()
    taken: tuple[TakenSeat, ...] = ()


class Slot(NamedTuple):
    """A bookable time of one official (a tuple: cheap to build, cache and unpickle)."""

    start: datetime
    end: datetime
    agenda_id: int
    location_id: int | None
    seats_left: int


def local_dates(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def windows_for_day(
    *,
    day: date,
    tz: ZoneInfo,
    hours: Iterable[HoursRule],
    holidays: set[date],
    extra: Iterable[Window] = (),
) -> list[Window]:
    """Working windows of one local date, in UTC; none on public holidays except extra hours."""
    windows = []
    if day not in holidays:
        for rule in hours:
            if rule.applies_to(day):
                start = datetime.combine(day, rule.start, tzinfo=tz).astimezone(UTC)
                end = datetime.combine(day, rule.end, tzinfo=tz).astimezone(UTC)
                windows.append(Window(start, end, rule.location_id))
    day_start = datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)
    day_end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz).astimezone(UTC)
    for window in extra:
        start, end = max(window.start, day_start), min(window.end, day_end)
        if start < end:
            windows.append(Window(start, end, window.location_id))
    return sorted(windows, key=lambda w: w.start)


def _overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


def slots_for_agenda(
    *,
    agenda: AgendaDay,
    rules: SlotRules,
    first: date,
    last: date,
    tz: ZoneInfo,
    holidays: set[date],
    now: datetime,
) -> list[Slot]:
    """Every bookable slot of one official between two local dates (inclusive)."""
    earliest, latest = now + rules.min_notice, now + rules.horizon
    step = rules.step or rules.duration
    slots: list[Slot] = []
    for day in local_dates(first, last):
        for window in windows_for_day(
            day=day, tz=tz, hours=agenda.hours, holidays=holidays, extra=agenda.extra
        ):
            start = window.start
            while start + rules.duration <= window.end:
                slot = _free_slot(agenda, rules, window, start)
                if slot is not None and earliest <= start <= latest:
                    slots.append(slot)
                start += step
    return slots


def _free_slot(agenda: AgendaDay, rules: SlotRules, window: Window, start: datetime) -> Slot | None:
    end = start + rules.duration
    block_start, block_end = start - rules.buffer_before, end + rules.buffer_after
    for busy_start, busy_end in agenda.unavailable:
        if _overlaps(block_start, block_end, busy_start, busy_end):
            return None
    sharing = 0
    for seat in agenda.taken:
        if seat.start == start and seat.case_type_id == rules.case_type_id:
            sharing += 1
        elif _overlaps(block_start, block_end, seat.block_start, seat.block_end):
            return None
    if sharing >= rules.capacity:
        return None
    return Slot(start, end, agenda.agenda_id, window.location_id, rules.capacity - sharing)
