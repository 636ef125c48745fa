"""Slot generation: local working hours across both DST switches, holidays, buffers, capacity."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from collab_service.appointments.services.availability import (
    AgendaDay,
    HoursRule,
    SlotRules,
    TakenSeat,
    Window,
    slots_for_agenda,
    windows_for_day,
)

WARSAW = ZoneInfo("Europe/Warsaw")
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def rules(**overrides) -> SlotRules:
    values = {
        "duration": timedelta(minutes=30),
        "buffer_before": timedelta(0),
        "buffer_after": timedelta(0),
        "min_notice": timedelta(0),
        "horizon": timedelta(days=100 * 365),
        "capacity": 1,
        "case_type_id": 1,
    }
    values.update(overrides)
    return SlotRules(**values)


def every_day(start: time, end: time) -> tuple[HoursRule, ...]:
    return tuple(HoursRule(weekday, start, end, location_id=7) for weekday in range(7))


def utc_hours(slots) -> list[str]:
    return [slot.start.astimezone(UTC).strftime("%H:%M") for slot in slots]


def slots(day: date, agenda: AgendaDay, **rule_overrides):
    return slots_for_agenda(
        agenda=agenda,
        rules=rules(**rule_overrides),
        first=day,
        last=day,
        tz=WARSAW,
        holidays=set(),
        now=LONG_AGO,
    )


def test_spring_forward_keeps_local_working_hours():
    agenda = AgendaDay(1, every_day(time(8), time(10)))

    before = slots(date(2026, 3, 28), agenda)  # CET, UTC+1
    after = slots(date(2026, 3, 29), agenda)  # DST starts at 02:00 local: CEST, UTC+2

    assert utc_hours(before) == ["07:00", "07:30", "08:00", "08:30"]
    assert utc_hours(after) == ["06:00", "06:30", "07:00", "07:30"]
    assert [s.start.astimezone(WARSAW).strftime("%H:%M") for s in after] == [
        "08:00",
        "08:30",
        "09:00",
        "09:30",
    ]


def test_fall_back_keeps_local_working_hours():
    agenda = AgendaDay(1, every_day(time(8), time(10)))

    before = slots(date(2026, 10, 24), agenda)  # CEST
    after = slots(date(2026, 10, 25), agenda)  # DST ends at 03:00 local: CET

    assert utc_hours(before) == ["06:00", "06:30", "07:00", "07:30"]
    assert utc_hours(after) == ["07:00", "07:30", "08:00", "08:30"]


def test_night_shift_across_the_fall_back_hour_lasts_one_hour_longer():
    windows = windows_for_day(
        day=date(2026, 10, 25),
        tz=WARSAW,
        holidays=set(),
        hours=[HoursRule(6, time(0), time(6), location_id=None)],
    )

    assert windows[0].end - windows[0].start == timedelta(hours=7)


def test_public_holiday_has_no_slots_but_extra_hours_count():
    day = date(2026, 11, 11)  # Independence Day, a Wednesday
    agenda = AgendaDay(
        1,
        every_day(time(8), time(10)),
        extra=(
            Window(
                datetime(2026, 11, 11, 9, tzinfo=UTC), datetime(2026, 11, 11, 10, tzinfo=UTC), None
            ),
        ),
    )

    result = slots_for_agenda(
        agenda=agenda, rules=rules(), first=day, last=day, tz=WARSAW, holidays={day}, now=LONG_AGO
    )

    assert utc_hours(result) == ["09:00", "09:30"]


def test_busy_time_and_buffers_remove_slots():
    day = date(2026, 6, 1)
    busy_start = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 09:00 local
    agenda = AgendaDay(
        1,
        every_day(time(8), time(12)),
        unavailable=((busy_start, busy_start + timedelta(minutes=30)),),
    )

    result = slots(day, agenda, buffer_after=timedelta(minutes=10))

    local = [s.start.astimezone(WARSAW).strftime("%H:%M") for s in result]
    assert local == ["08:00", "09:30", "10:00", "10:30", "11:00", "11:30"]


def test_group_slot_stays_open_until_capacity_is_reached():
    day = date(2026, 6, 1)
    start = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)  # 08:00 local
    seat = TakenSeat(start, start, start + timedelta(minutes=30), case_type_id=1)
    agenda = AgendaDay(1, every_day(time(8), time(9)), taken=(seat, seat))

    open_slots = slots(day, agenda, capacity=3)
    full = slots(day, AgendaDay(1, agenda.hours, taken=(seat, seat, seat)), capacity=3)

    assert (open_slots[0].start, open_slots[0].seats_left) == (start, 1)
    assert start not in [s.start for s in full]


def test_a_booking_of_another_case_type_blocks_the_overlapping_slot():
    start = datetime(2026, 6, 1, 6, 15, tzinfo=UTC)
    other = TakenSeat(start, start, start + timedelta(minutes=15), case_type_id=2)
    agenda = AgendaDay(1, every_day(time(8), time(9)), taken=(other,))

    result = slots(date(2026, 6, 1), agenda)

    assert utc_hours(result) == ["06:30"]


def test_minimum_notice_and_horizon_bound_the_offer():
    agenda = AgendaDay(1, every_day(time(8), time(16)))
    now = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # 10:00 local

    result = slots_for_agenda(
        agenda=agenda,
        rules=rules(min_notice=timedelta(hours=2), horizon=timedelta(days=1)),
        first=date(2026, 6, 1),
        last=date(2026, 6, 3),
        tz=WARSAW,
        holidays=set(),
        now=now,
    )

    assert result[0].start == datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    assert result[-1].start <= now + timedelta(days=1)
