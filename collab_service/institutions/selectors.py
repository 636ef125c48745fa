"""Reads scoped to what a person may see; every query of the app goes through these.

Members see their own institutions, units and colleagues; platform admins see everything.
"""

from django.db.models import QuerySet

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit

Role = Membership.Role


def _member_institution_ids(user: User) -> QuerySet:
    return Membership.objects.filter(user=user).values("institution_id")


def institutions_visible_to(user: User) -> QuerySet[Institution]:
    if user.is_platform_admin:
        return Institution.objects.all()
    return Institution.objects.filter(id__in=_member_institution_ids(user))


def units_visible_to(user: User) -> QuerySet[Unit]:
    units = Unit.objects.select_related("institution")
    if user.is_platform_admin:
        return units
    return units.filter(institution_id__in=_member_institution_ids(user))


def memberships_visible_to(user: User) -> QuerySet[Membership]:
    memberships = Membership.objects.select_related("user", "unit", "institution")
    if user.is_platform_admin:
        return memberships
    return memberships.filter(institution_id__in=_member_institution_ids(user))


def public_institutions(*, search: str = "") -> QuerySet[Institution]:
    institutions = Institution.objects.filter(is_active=True)
    if search:
        institutions = institutions.filter(name__icontains=search)
    return institutions


def public_units(institution: Institution) -> QuerySet[Unit]:
    return institution.units.filter(is_public=True)


def roles_in(user: User, institution: Institution) -> set[tuple[str, int | None]]:
    """The (role, unit id) pairs the user holds in the institution."""
    return set(
        Membership.objects.filter(user=user, institution=institution).values_list("role", "unit_id")
    )


def can_manage_institution(user: User, institution: Institution) -> bool:
    if user.is_platform_admin:
        return True
    return Membership.objects.filter(
        user=user, institution=institution, role=Role.INSTITUTION_ADMIN
    ).exists()


def can_manage_unit(user: User, unit: Unit) -> bool:
    if can_manage_institution(user, unit.institution):
        return True
    return Membership.objects.filter(user=user, unit=unit, role=Role.UNIT_MANAGER).exists()


def managed_units(user: User, institution: Institution) -> QuerySet[Unit]:
    """Units where the user may place people: all for admins, their own for unit managers."""
    if can_manage_institution(user, institution):
        return institution.units.order_by("name")
    return institution.units.filter(
        memberships__user=user, memberships__role=Role.UNIT_MANAGER
    ).order_by("name")


def user_memberships(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("institution", "unit")
        .order_by("institution__name", "unit__name", "pk")
    )
