"""Availability of a case type over dates, cached until anything it depends on changes."""

import hashlib
import logging
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

import holidays as holiday_calendars
from django.core.cache import cache
from django.utils import timezone

from collab_service.appointments.models import Agenda, CaseType
from collab_service.appointments.selectors import AgendaRef, agenda_days, slot_rules
from collab_service.appointments.services import generations
from collab_service.appointments.services.availability import AgendaDay, Slot, slots_for_agenda
from collab_service.appointments.services.case_type_plan import handling_agendas

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300
CACHE_FORMAT = 3  # bump when the cached shape changes, so old entries are never read
_ALWAYS = datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC"))


@lru_cache(maxsize=64)
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The country's public holidays; none, with an error logged, for a code the holidays package
    does not know (saving such a code is refused; this keeps older rows from failing bookings)."""
    try:
        return frozenset(holiday_calendars.country_holidays(country, years=year))
    except NotImplementedError:
        logger.error("No public holidays are known for the country code %r.", country)
        return frozenset()


def holidays_between(country: str, first: date, last: date) -> set[date]:
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        days |= public_holidays(country, year)
    return days


def slots_cache_key(case_type: CaseType, agendas: list[Agenda], first: date, last: date) -> str:
    """Changes whenever anything the slots depend on changes (case type, institution's calendar,
    any agenda's version)."""
    institution = case_type.institution
    versions = ",".join(f"{a.pk}:{a.version}" for a in agendas)
    # The rules themselves, not only the time of the last edit: two edits can share a timestamp.
    raw = (
        f"{case_type.pk}:{case_type.updated_at.isoformat()}:{slot_rules(case_type)}:"
        f"{institution.time_zone}:{institution.country}:{first}:{last}:{versions}"
    )
    return f"slots:{CACHE_FORMAT}:" + hashlib.sha256(raw.encode()).hexdigest()


def _unbounded_slots(
    case_type: CaseType, days: list[AgendaDay], first: date, last: date
) -> list[Slot]:
    """Slots for all times: notice and horizon depend on "now", and are applied on reading."""
    institution = case_type.institution
    tz = ZoneInfo(institution.time_zone)
    rules = slot_rules(case_type)
    unbounded = replace(rules, min_notice=timedelta(0), horizon=timedelta(days=100 * 366))
    public = holidays_between(institution.country, first, last)
    slots: list[Slot] = []
    for day in days:
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
    tz = ZoneInfo(case_type.institution.time_zone)
    days = [replace(day, taken=()) for day in agenda_days(agendas, first, last, tz)]
    return _unbounded_slots(case_type, days, first, last)


def _compute(case_type: CaseType, agendas: list[Agenda], first: date, last: date) -> list[Slot]:
    tz = ZoneInfo(case_type.institution.time_zone)
    return _unbounded_slots(case_type, agenda_days(agendas, first, last, tz), first, last)


def _within_notice_and_horizon(
    case_type: CaseType, start: datetime, now: datetime, walk_in: bool = False
) -> bool:
    """``walk_in`` (desk only): no minimum notice; a slot that has begun but not ended counts."""
    if walk_in:
        earliest = now + timedelta(minutes=1 - case_type.duration_minutes)
    else:
        earliest = now + timedelta(minutes=case_type.min_notice_minutes)
    latest = now + timedelta(days=case_type.horizon_days)
    return earliest <= start <= latest


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
    agendas = handling_agendas(case_type) if agendas is None else agendas
    key = slots_cache_key(case_type, agendas, first, last)
    slots = cache.get(key)
    if slots is None:
        slots = _compute(case_type, agendas, first, last)
        cache.set(key, slots, CACHE_SECONDS)
    return [
        slot for slot in slots if _within_notice_and_horizon(case_type, slot.start, now, walk_in)
    ]


class SlotAtTime(NamedTuple):
    """What the cache knows of one time of one day: who is free, and whose slot it would be."""

    free: dict[int, int]  # agenda id: seats left
    offered: frozenset[int]  # agendas with a slot at that time if nothing were booked or blocked
    within_bounds: bool  # inside the notice and horizon of the case type, seen from "now"


def slot_at(
    *,
    case_type: CaseType,
    generation: int,
    agendas: list[Agenda] | list[AgendaRef],
    start: datetime,
    now: datetime,
    walk_in: bool = False,
) -> SlotAtTime:
    """The agendas' slot at ``start``, from a cache per agenda and day.

    An entry is used while the structure's ``generation`` (of the case type's plan) and the
    agenda's own number are current (see ``generations``), so a warm answer needs no query and
    a booking makes only its own official's day be computed again. A booking still checks the
    slot under the agenda's lock.
    """
    tz = ZoneInfo(case_type.institution.time_zone)
    day = start.astimezone(tz).date()
    numbers = [generations.agenda_key(agenda.pk) for agenda in agendas]
    keys = [f"appointments:day:{case_type.pk}:{agenda.pk}:{day}" for agenda in agendas]
    found = cache.get_many([*numbers, *keys])
    stamps = [(generation, number) for number in generations.current(numbers, found)]
    known, missing = {}, []
    for agenda, key, stamp in zip(agendas, keys, stamps, strict=True):
        entry = found.get(key)
        if entry is not None and entry[0] == stamp:
            known[agenda.pk] = entry[1]
        else:
            missing.append(agenda)
    if missing:
        fresh = {}
        for known_day in agenda_days(missing, day, day, tz):
            empty = AgendaDay(known_day.agenda_id, known_day.hours, known_day.extra)
            free = _unbounded_slots(case_type, [known_day], day, day)
            offered = _unbounded_slots(case_type, [empty], day, day)
            fresh[known_day.agenda_id] = (
                {slot.start: slot.seats_left for slot in free},
                frozenset(slot.start for slot in offered),
            )
        stamp_of = {agenda.pk: stamp for agenda, stamp in zip(agendas, stamps, strict=True)}
        cache.set_many(
            {
                key: (stamp_of[agenda.pk], fresh[agenda.pk])
                for agenda, key in zip(agendas, keys, strict=True)
                if agenda.pk in fresh
            },
            CACHE_SECONDS,
        )
        known.update(fresh)
    return SlotAtTime(
        {pk: free[start] for pk, (free, _offered) in known.items() if start in free},
        frozenset(pk for pk, (_free, offered) in known.items() if start in offered),
        _within_notice_and_horizon(case_type, start, now, walk_in),
    )
