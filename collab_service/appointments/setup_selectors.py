"""Who may set up visits where.

Institution admins (and platform admins) set up everything of their institution. Unit managers
may let their units' people receive citizens and set their working hours, leave and extra hours;
locations, case types and closures of the whole institution stay with the admins.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from collab_service.accounts.models import User
from collab_service.appointments.models import Agenda
from collab_service.institutions.models import Institution, Membership
from collab_service.institutions.selectors import (
    can_manage_institution,
    institutions_visible_to,
    managed_units,
)

Role = Membership.Role


@dataclass
class SetupScope:
    institution: Institution
    is_admin: bool
    people: QuerySet[User]
    agendas: QuerySet[Agenda]


def setup_institutions(user: User) -> QuerySet[Institution]:
    if user.is_platform_admin:
        return Institution.objects.all()
    return Institution.objects.filter(
        memberships__user=user, memberships__role__in=[Role.INSTITUTION_ADMIN, Role.UNIT_MANAGER]
    ).distinct()


def setup_scope(user: User, slug: str, *, admin_only: bool = False) -> SetupScope:
    """404 for an institution the person is not in; 403 for one they may not set up."""
    institution = institutions_visible_to(user).filter(slug=slug).first()
    if institution is None:
        raise Http404
    if can_manage_institution(user, institution):
        people = User.objects.filter(memberships__institution=institution).distinct()
        return SetupScope(institution, True, people, Agenda.objects.filter(institution=institution))
    units = managed_units(user, institution)
    if admin_only or not units.exists():
        raise PermissionDenied
    people = User.objects.filter(memberships__unit__in=units).distinct()
    agendas = Agenda.objects.filter(institution=institution, official__in=people)
    return SetupScope(institution, False, people, agendas)
