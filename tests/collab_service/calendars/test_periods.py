from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from collab_service.calendars.periods import lay_out, period_for
from collab_service.calendars.selectors import CalendarEntry

WARSAW = ZoneInfo("Europe/Warsaw")


def entry(kind: str, start: datetime, end: datetime | None, **extra) -> CalendarEntry:
    values = {
        "kind": kind,
        "source": f"{kind}:1",
        "title": "x",
        "start": start,
        "end": end,
        "all_day": False,
        "url": "",
        "extra": "",
        "status": "",
        "status_label": "",
    }
    return CalendarEntry(**(values | extra))


@pytest.mark.parametrize(
    ("view", "anchor", "first", "last", "previous", "following"),
    [
        (
            "day",
            date(2026, 3, 1),
            date(2026, 3, 1),
            date(2026, 3, 1),
            date(2026, 2, 28),
            date(2026, 3, 2),
        ),
        (
            "week",
            date(2026, 6, 10),
            date(2026, 6, 8),
            date(2026, 6, 14),
            date(2026, 6, 3),
            date(2026, 6, 17),
        ),
        (
            "month",
            date(2026, 1, 31),
            date(2026, 1, 1),
            date(2026, 1, 31),
            date(2025, 12, 1),
            date(2026, 2, 1),
        ),
        (
            "list",
            date(2024, 2, 15),
            date(2024, 2, 1),
            date(2024, 2, 29),
            date(2024, 1, 1),
            date(2024, 3, 1),
        ),
    ],
)
def test_periods(view, anchor, first, last, previous, following):
    period = period_for(view, anchor)

    assert (period.first, period.last, period.previous, period.next) == (
        first,
        last,
        previous,
        following,
    )


def test_month_window_covers_whole_weeks_across_the_dst_switch():
    period = period_for("month", date(2026, 3, 15))
    start, end = period.window(WARSAW)

    assert start == datetime(2026, 2, 23, tzinfo=WARSAW)
    assert end == datetime(2026, 4, 6, tzinfo=WARSAW)
    assert start.utcoffset() == timedelta(hours=1)
    assert end.utcoffset() == timedelta(hours=2)


def test_an_event_over_midnight_shows_on_both_days():
    period = period_for("week", date(2026, 3, 28))
    night = entry(
        "meeting",
        datetime(2026, 3, 28, 22, 0, tzinfo=WARSAW),
        datetime(2026, 3, 29, 4, 0, tzinfo=WARSAW),  # over the switch to summer time
    )
    ends_at_midnight = entry(
        "meeting", datetime(2026, 3, 27, 23, 0, tzinfo=WARSAW), datetime(2026, 3, 28, tzinfo=WARSAW)
    )

    days = lay_out(
        [night, ends_at_midnight],
        first=period.first,
        last=period.last,
        period=period,
        today=date(2026, 3, 28),
        tz=WARSAW,
    )
    shown = {d.day: [p.when for p in d.items] for d in days if d.items}

    assert shown == {
        date(2026, 3, 27): ["23:00–00:00"],
        date(2026, 3, 28): ["From 22:00"],
        date(2026, 3, 29): ["Until 04:00"],
    }
    assert [d.is_today for d in days].count(True) == 1
