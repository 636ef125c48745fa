"""Reads for availability: the officials of a case type and what is known of their days."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from collab_service.appointments.models import (
    Agenda,
    AvailabilityException,
    Booking,
    BusyInterval,
    CaseType,
    WorkingHours,
)
from collab_service.appointments.services.availability import (
    AgendaDay,
    HoursRule,
    SlotRules,
    TakenSeat,
    Window,
)

Kind = AvailabilityException.Kind


class AgendaRef(NamedTuple):
    """An agenda named without loading it: enough for ``agenda_days`` and for locking it."""

    pk: int
    institution_id: int


def case_type_agendas(case_type: CaseType) -> QuerySet[Agenda]:
    """Agendas of the officials named on the case type, or of the members of its units."""
    officials = Q(official__in=case_type.officials.all()) | Q(
        official__memberships__unit__in=case_type.units.all()
    )
    return (
        Agenda.objects.filter(institution_id=case_type.institution_id)
        .filter(officials)
        .distinct()
        .order_by("pk")
    )


def bookable_case_types() -> QuerySet[CaseType]:
    """Active case types of active institutions; video-only ones need a video provider."""
    from collab_service.appointments.services.video import video_provider

    case_types = CaseType.objects.filter(is_active=True, institution__is_active=True)
    if video_provider() is None:
        case_types = case_types.exclude(mode=CaseType.Mode.VIDEO)
    return case_types.order_by("name_pl", "pk")


def is_bookable(case_type: CaseType) -> bool:
    """What ``bookable_case_types`` asks, of a case type loaded with its institution."""
    from collab_service.appointments.services.video import video_provider

    return (
        case_type.is_active
        and case_type.institution.is_active
        and (case_type.mode != CaseType.Mode.VIDEO or video_provider() is not None)
    )


def slot_rules(case_type: CaseType) -> SlotRules:
    return SlotRules(
        duration=timedelta(minutes=case_type.duration_minutes),
        buffer_before=timedelta(minutes=case_type.buffer_before_minutes),
        buffer_after=timedelta(minutes=case_type.buffer_after_minutes),
        min_notice=timedelta(minutes=case_type.min_notice_minutes),
        horizon=timedelta(days=case_type.horizon_days),
        capacity=case_type.capacity,
        case_type_id=case_type.pk,
    )


def walk_in_rules(case_type: CaseType) -> SlotRules:
    """For the desk: no minimum notice, and a slot that has begun but not ended may be taken."""
    rules = slot_rules(case_type)
    return replace(rules, min_notice=timedelta(minutes=1) - rules.duration)


def period_bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC bounds of the local dates, widened by a day for buffers that reach across midnight."""
    start = datetime.combine(first - timedelta(days=1), time.min, tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=2), time.min, tzinfo=tz).astimezone(UTC)
    return start, end


def agenda_days(
    agendas: list[Agenda] | list[AgendaRef],
    first: date,
    last: date,
    tz: ZoneInfo,
    *,
    ignore_booking=None,
) -> list[AgendaDay]:
    """Everything availability needs about the agendas, in five queries whatever their number.

    ``ignore_booking`` (a booking id) is left out, as if free: the visit being moved.
    """
    start, end = period_bounds(first, last, tz)
    ids = [agenda.pk for agenda in agendas]
    institution_ids = {agenda.institution_id for agenda in agendas}
    # Tuples, not model instances: a day of a busy office is hundreds of rows.
    hours: dict[int, list[HoursRule]] = {pk: [] for pk in ids}
    for agenda_id, *rule in WorkingHours.objects.filter(agenda_id__in=ids).values_list(
        "agenda_id", "weekday", "start_time", "end_time", "location_id", "valid_from", "valid_until"
    ):
        hours[agenda_id].append(HoursRule(*rule))
    extra: dict[int, list[Window]] = {pk: [] for pk in ids}
    unavailable: dict[int, list[tuple[datetime, datetime]]] = {pk: [] for pk in ids}
    exceptions = AvailabilityException.objects.filter(start__lt=end, end__gt=start).filter(
        Q(agenda_id__in=ids) | Q(agenda__isnull=True, institution_id__in=institution_ids)
    )
    for exc in exceptions:
        targets = (
            [exc.agenda_id]
            if exc.agenda_id
            else [a.pk for a in agendas if a.institution_id == exc.institution_id]
        )
        for pk in targets:
            if exc.kind == Kind.EXTRA:
                extra[pk].append(Window(exc.start, exc.end, exc.location_id))
            else:
                unavailable[pk].append((exc.start, exc.end))
    busy = BusyInterval.objects.filter(agenda_id__in=ids, start__lt=end, end__gt=start)
    for agenda_id, busy_start, busy_end in busy.values_list("agenda_id", "start", "end"):
        unavailable[agenda_id].append((busy_start, busy_end))
    taken: dict[int, list[TakenSeat]] = {pk: [] for pk in ids}
    bookings = Booking.objects.filter(
        agenda_id__in=ids, status__in=Booking.ACTIVE, block_start__lt=end, block_end__gt=start
    ).exclude(pk=ignore_booking)
    for agenda_id, *seat in bookings.values_list(
        "agenda_id", "start", "block_start", "block_end", "case_type_id"
    ):
        taken[agenda_id].append(TakenSeat(*seat))
    return [
        AgendaDay(pk, tuple(hours[pk]), tuple(extra[pk]), tuple(unavailable[pk]), tuple(taken[pk]))
        for pk in ids
    ]


def agendas_visible_to(user) -> QuerySet[Agenda]:
    """Agendas a person may run: their own, those of their units' people kept in the units'
    institution (managers), all of the institutions they administer."""
    from collab_service.institutions.selectors import admin_institution_ids, in_managed_unit

    if user.is_platform_admin:
        return Agenda.objects.all()
    return Agenda.objects.filter(
        Q(official=user)
        | Q(institution_id__in=admin_institution_ids(user))
        | in_managed_unit(user, person="official_id", institution="institution_id")
    )
