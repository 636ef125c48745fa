"""Which events of an official's own calendar make them busy (the rules in docs/calendar.md)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from collab_service.calendars.busy import UnreadableCalendarData, busy_times
from tests.collab_service.calendars.caldav_helpers import vevent

WARSAW = ZoneInfo("Europe/Warsaw")
START = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)
WINDOW = {
    "window_start": datetime(2026, 6, 1, tzinfo=UTC),
    "window_end": datetime(2026, 7, 1, tzinfo=UTC),
    "tz": WARSAW,
}


def spans(ics: str, **extra) -> list[tuple[datetime, datetime]]:
    return [(b.start, b.end) for b in busy_times(ics, **WINDOW, **extra)]


def test_ordinary_event_is_busy():
    assert spans(vevent("a@app", START, START + timedelta(hours=1))) == [
        (START, START + timedelta(hours=1))
    ]


@pytest.mark.parametrize("line", ["TRANSP:TRANSPARENT", "STATUS:CANCELLED"])
def test_free_or_cancelled_event_is_not_busy(line):
    assert spans(vevent("a@app", START, START + timedelta(hours=1), line)) == []


def test_tentative_event_is_busy():
    ics = vevent("a@app", START, START + timedelta(hours=1), "STATUS:TENTATIVE")
    assert len(spans(ics)) == 1


def test_declined_invitation_is_not_busy_but_an_unanswered_one_is():
    declined = "ATTENDEE;PARTSTAT=DECLINED:mailto:Jan@Urzad.gov.pl"
    pending = "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:jan@urzad.gov.pl"
    own = {"jan@urzad.gov.pl"}
    assert spans(vevent("a@app", START, START + timedelta(hours=1), declined), own_emails=own) == []
    assert (
        len(spans(vevent("a@app", START, START + timedelta(hours=1), pending), own_emails=own)) == 1
    )


def test_all_day_event_blocks_whole_local_days_unless_free():
    leave = vevent("leave@app", datetime(2026, 6, 3), datetime(2026, 6, 5), all_day=True)
    holiday = vevent("x@app", datetime(2026, 6, 3), None, "TRANSP:TRANSPARENT", all_day=True)

    assert spans(leave) == [
        (datetime(2026, 6, 3, tzinfo=WARSAW), datetime(2026, 6, 5, tzinfo=WARSAW))
    ]
    assert spans(holiday) == []


def test_all_day_event_without_end_lasts_one_day():
    ics = vevent("day@app", datetime(2026, 6, 3), None, all_day=True)
    assert spans(ics) == [
        (datetime(2026, 6, 3, tzinfo=WARSAW), datetime(2026, 6, 4, tzinfo=WARSAW))
    ]


def test_floating_time_is_read_in_the_officials_zone():
    ics = vevent("a@app", START, None, "DURATION:PT30M").replace(
        "DTSTART:20260602T080000Z", "DTSTART:20260602T100000"
    )
    assert spans(ics) == [
        (datetime(2026, 6, 2, 10, tzinfo=WARSAW), datetime(2026, 6, 2, 10, 30, tzinfo=WARSAW))
    ]


def test_instant_event_and_our_own_objects_take_no_time():
    assert spans(vevent("reminder@app", START, None)) == []
    assert spans(vevent("booking-1@szpon", START, START + timedelta(hours=1))) == []


def test_event_is_clipped_to_the_window():
    ics = vevent(
        "long@app", datetime(2026, 5, 30, tzinfo=UTC), datetime(2026, 6, 1, 12, tzinfo=UTC)
    )
    assert spans(ics) == [(WINDOW["window_start"], datetime(2026, 6, 1, 12, tzinfo=UTC))]


def test_unreadable_data_is_reported():
    with pytest.raises(UnreadableCalendarData):
        busy_times("BEGIN:VCALENDAR\r\nnot ical", **WINDOW)
