"""Availability of a case type over dates, cached until anything it depends on changes."""

import hashlib
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars
from django.core.cache import cache
from django.utils import timezone

from collab_service.appointments.models import Agenda, CaseType
from collab_service.appointments.selectors import agenda_days, case_type_agendas, slot_rules
from collab_service.appointments.services.availability import Slot, slots_for_agenda

CACHE_SECONDS = 300
CACHE_FORMAT = 2  # bump when the cached shape changes, so old entries are never read
_ALWAYS = datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC"))


@lru_cache(maxsize=64)
def public_holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holiday_calendars.country_holidays(country, years=year))


def holidays_between(country: str, first: date, last: date) -> set[date]:
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        days |= public_holidays(country, year)
    return days


def slots_cache_key(case_type: CaseType, agendas: list[Agenda], first: date, last: date) -> str:
    """Changes whenever anything the slots depend on changes (case type, any agenda's version)."""
    versions = ",".join(f"{a.pk}:{a.version}" for a in agendas)
    raw = f"{case_type.pk}:{case_type.updated_at.isoformat()}:{first}:{last}:{versions}"
    return f"slots:{CACHE_FORMAT}:" + hashlib.sha256(raw.encode()).hexdigest()


def _compute(
    case_type: CaseType, agendas: list[Agenda], first: date, last: date, *, bookings: bool = True
) -> list[Slot]:
    institution = case_type.institution
    tz = ZoneInfo(institution.time_zone)
    rules = slot_rules(case_type)
    # Computed for all times; notice and horizon depend on "now" and are applied on reading.
    unbounded = replace(rules, min_notice=timedelta(0), horizon=timedelta(days=100 * 366))
    public = holidays_between(institution.country, first, last)
    slots: list[Slot] = []
    for day in agenda_days(agendas, first, last, tz):
        if not bookings:
            day = replace(day, taken=())
        slots.extend(
            slots_for_agenda(
                agenda=day,
                rules=unbounded,
                first=first,
                last=last,
                tz=tz,
                holidays=public,
                now=_ALWAYS,
            )
        )
    return sorted(slots, key=lambda slot: (slot.start, slot.agenda_id))


def offered_slots(
    *, case_type: CaseType, agendas: list[Agenda], first: date, last: date
) -> list[Slot]:
    """Every slot the schedule offered between two local dates, booked or not (for statistics):
    working hours and extra hours, less holidays, leave, closures and busy time."""
    return _compute(case_type, agendas, first, last, bookings=False)


def case_type_slots(
    *,
    case_type: CaseType,
    first: date,
    last: date,
    now: datetime | None = None,
    agendas: list[Agenda] | None = None,
    walk_in: bool = False,
) -> list[Slot]:
    """Free slots of every official handling the case type, between two local dates.

    ``walk_in`` (desk only): no minimum notice; a slot that has begun but not ended counts.
    """
    now = now or timezone.now()
    agendas = list(case_type_agendas(case_type)) if agendas is None else agendas
    key = slots_cache_key(case_type, agendas, first, last)
    slots = cache.get(key)
    if slots is None:
        slots = _compute(case_type, agendas, first, last)
        cache.set(key, slots, CACHE_SECONDS)
    if walk_in:
        earliest = now + timedelta(minutes=1 - case_type.duration_minutes)
    else:
        earliest = now + timedelta(minutes=case_type.min_notice_minutes)
    latest = now + timedelta(days=case_type.horizon_days)
    return [slot for slot in slots if earliest <= slot.start <= latest]
