"""Whose visits a unit manager or institution admin may count, and all measures for a period."""

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from collab_service.appointments.models import Agenda, Booking, CaseType, WaitingListEntry
from collab_service.appointments.services.statistics import (
    Statistics,
    bookings_statistics,
    utilisation,
    visits_by_unit,
    waiting_figures,
)
from collab_service.institutions.models import Membership
from collab_service.institutions.selectors import (
    admin_institution_ids,
    in_managed_unit,
    managed_unit_ids,
)


@dataclass
class Scope:
    """What a unit manager or institution admin may count, and the time zone to count in."""

    bookings: QuerySet[Booking]
    agendas: QuerySet[Agenda]
    case_types: QuerySet[CaseType]
    waiting: QuerySet[WaitingListEntry]
    tz: ZoneInfo


def statistics_scope(user) -> Scope:
    """What the person may count; PermissionDenied unless a unit manager or institution admin.

    Everything is counted within the institutions where the person holds the role: a colleague's
    agenda or case types in another institution are never counted."""
    Role = Membership.Role
    places = (
        Membership.objects.filter(user=user, role__in=[Role.INSTITUTION_ADMIN, Role.UNIT_MANAGER])
        .select_related("institution")
        .order_by("institution__name", "pk")
    )
    if not places:
        raise PermissionDenied
    admin_of = admin_institution_ids(user)
    agendas = Agenda.objects.filter(
        Q(institution_id__in=admin_of)
        | in_managed_unit(user, person="official_id", institution="institution_id")
    )
    by_unit = CaseType.units.through.objects.filter(
        casetype_id=OuterRef("pk"),
        unit_id__in=managed_unit_ids(user),
        unit__institution_id=OuterRef("institution_id"),
    )
    by_official = CaseType.officials.through.objects.filter(casetype_id=OuterRef("pk")).filter(
        in_managed_unit(user, person="user_id", institution=OuterRef("institution_id"))
    )
    case_types = CaseType.objects.filter(
        Q(institution_id__in=admin_of) | Exists(by_unit) | Exists(by_official)
    )
    return Scope(
        bookings=Booking.objects.filter(agenda__in=agendas),
        agendas=agendas,
        case_types=case_types,
        waiting=WaitingListEntry.objects.filter(case_type__in=case_types),
        tz=ZoneInfo(places[0].institution.time_zone),
    )


def period_statistics(scope: Scope, first: date, last: date) -> Statistics:
    tz = scope.tz
    stats = bookings_statistics(bookings=scope.bookings, first=first, last=last, tz=tz)
    stats.by_unit = visits_by_unit(bookings=scope.bookings, first=first, last=last, tz=tz)
    stats.utilisation = utilisation(
        case_types=scope.case_types,
        agendas=scope.agendas,
        bookings=scope.bookings,
        first=first,
        last=last,
        tz=tz,
    )
    stats.waiting = waiting_figures(entries=scope.waiting, first=first, last=last, tz=tz)
    return stats
