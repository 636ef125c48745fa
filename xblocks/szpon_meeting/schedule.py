"""The meeting's time as authors enter it (a wall-clock time in a named time zone) and as
learners read it."""

import functools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
SCHEDULED = "scheduled"
ON_DEMAND = "on_demand"
# Years a meeting can be in; outside them the conversions to UTC overflow.
YEARS = range(2000, 2101)


class BadTime(ValueError):
    """The wall-clock time cannot be read or does not exist in the time zone."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "format", "zone", "gap"


def zone(name: str) -> ZoneInfo:
    if not name or name not in _zones():
        raise BadTime("zone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadTime("zone") from None


@functools.cache
def _zones() -> frozenset[str]:
    """The tz database's zone names, read once: listing them walks the database's files."""
    return frozenset(available_timezones())


def zone_choices(current: str) -> list[str]:
    """European zones and UTC (where the blocks' users are), plus the current value."""
    names = sorted(name for name in _zones() if name.startswith("Europe/"))
    names.append("UTC")
    if current and current not in names and current in _zones():
        names.insert(0, current)
    return names


def aware_start(local: str, zone_name: str) -> datetime:
    """The moment a wall-clock time ("2026-12-03T10:00") means in ``zone_name``.

    Raises:
        BadTime: unreadable time, unknown zone, or a time skipped when clocks go forward.
    """
    tz = zone(zone_name)
    try:
        naive = datetime.strptime(local.strip(), LOCAL_FORMAT)
    except ValueError:
        raise BadTime("format") from None
    if naive.year not in YEARS:
        raise BadTime("format")
    moment = naive.replace(tzinfo=tz)
    # A time in the spring-forward gap comes back from UTC as another wall-clock time.
    try:
        back = moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError:
        raise BadTime("format") from None
    if back != naive:
        raise BadTime("gap")
    return moment


def planned_window(local: str, zone_name: str, minutes: int) -> tuple[datetime, datetime] | None:
    """Start and end from the block's own fields, or None when they do not make a time."""
    try:
        start = aware_start(local, zone_name)
        return start, start + timedelta(minutes=minutes)
    except (BadTime, OverflowError, TypeError):
        return None


def planned_state(window: tuple[datetime, datetime] | None, now: datetime) -> str:
    """upcoming / live / ended from the planned times (for visitors, when the service's own
    state cannot be read)."""
    if window is None:
        return "not_started"
    start, end = window
    if now < start:
        return "upcoming"
    return "live" if now < end else "ended"
