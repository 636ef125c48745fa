"""Which times an event of an official's own calendar makes them busy (docs/calendar.md).

- Each occurrence of a recurring event counts (RRULE, RDATE, EXDATE and moved occurrences).
- ``TRANSP:TRANSPARENT`` ("show as free") and ``STATUS:CANCELLED`` make no busy time; an
  invitation the official declined (their ATTENDEE has ``PARTSTAT=DECLINED``) neither.
- Tentative events and invitations not yet answered count as busy: a citizen must not be given
  a time the official may be away.
- An all-day event blocks its whole days in the official's time zone unless it is marked free
  (calendar applications mark new all-day events free by default; a day of leave is usually
  marked busy on purpose).
- Times without a zone ("floating") are read in the official's time zone.
- Events with no duration take no time. Our own objects (UIDs ending ``@szpon``) are skipped:
  bookings and meetings already live in the service.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

OWN_UID_SUFFIX = "@szpon"


class UnreadableCalendarData(ValueError):
    """The stored object is not iCalendar the expansion can read."""


@dataclass(frozen=True, order=True)
class Busy:
    start: datetime
    end: datetime
    uid: str


def _moment(value: date | datetime, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    return datetime.combine(value, time.min, tzinfo=tz)


def _declined_by(component, emails: set[str]) -> bool:
    attendees = component.get("ATTENDEE")
    if attendees is None:
        return False
    if not isinstance(attendees, list):
        attendees = [attendees]
    for attendee in attendees:
        address = str(attendee).lower().removeprefix("mailto:")
        if address in emails and str(attendee.params.get("PARTSTAT", "")).upper() == "DECLINED":
            return True
    return False


def _makes_busy(component, emails: set[str]) -> bool:
    if str(component.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return False
    if str(component.get("STATUS", "")).upper() == "CANCELLED":
        return False
    return not _declined_by(component, emails)


def _span(component, tz: ZoneInfo) -> tuple[datetime, datetime] | None:
    start_value = component["DTSTART"].dt
    start = _moment(start_value, tz)
    if component.get("DTEND") is not None:
        end = _moment(component["DTEND"].dt, tz)
    elif component.get("DURATION") is not None:
        end = start + component["DURATION"].dt
    elif isinstance(start_value, datetime):
        end = start
    else:
        end = _moment(start_value + timedelta(days=1), tz)
    return (start, end) if end > start else None


def busy_times(
    ics: str,
    *,
    window_start: datetime,
    window_end: datetime,
    tz: ZoneInfo,
    own_emails: set[str] = frozenset(),
) -> list[Busy]:
    """The busy intervals one stored calendar object produces inside the window."""
    try:
        calendar = icalendar.Calendar.from_ical(ics)
        occurrences = list(
            recurring_ical_events.of(calendar, components=["VEVENT"]).between(
                window_start, window_end
            )
        )
    except Exception as exc:  # icalendar and the expander raise many kinds on bad data
        raise UnreadableCalendarData(str(exc)[:200]) from exc
    emails = {email.lower() for email in own_emails}
    found: set[Busy] = set()
    for component in occurrences:
        uid = str(component.get("UID", ""))[:255]
        if uid.endswith(OWN_UID_SUFFIX) or component.get("DTSTART") is None:
            continue
        if not _makes_busy(component, emails):
            continue
        span = _span(component, tz)
        if span is None:
            continue
        start, end = max(span[0], window_start), min(span[1], window_end)
        if end > start:
            found.add(Busy(start, end, uid))
    return sorted(found)
