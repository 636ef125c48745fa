"""Reads scoped to what a person may see; every query of the app goes through these.

Members see their own institutions, units and colleagues; platform admins see everything.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Invitation, Membership, Unit

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


def admin_institution_ids(user: User) -> QuerySet:
    """Ids of the institutions the person administers (a subquery)."""
    return Membership.objects.filter(user=user, role=Role.INSTITUTION_ADMIN).values(
        "institution_id"
    )


def managed_unit_ids(user: User) -> QuerySet:
    """Ids of the units the person manages (a subquery)."""
    return Membership.objects.filter(user=user, role=Role.UNIT_MANAGER).values("unit_id")


def in_managed_unit(user: User, *, person: str, institution: str | OuterRef) -> Exists:
    """A filter for rows whose ``person`` sits in a unit the user manages *of the row's own
    ``institution``*: a colleague's places in other institutions never lend the manager sight
    of that institution's rows. The unit's institution is compared, not the membership's.
    Pass ``institution`` as ``OuterRef(name)`` to reach the query around the row's own."""
    return Exists(
        Membership.objects.filter(
            user_id=OuterRef(person),
            unit_id__in=managed_unit_ids(user),
            unit__institution_id=OuterRef(institution),
        )
    )


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


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    """Unanswered invitations the person may see and withdraw: their institutions' for admins,
    their units' for unit managers."""
    invitations = Invitation.objects.filter(status=Invitation.Status.PENDING).select_related(
        "institution", "unit", "invited_by"
    )
    if user.is_platform_admin:
        return invitations
    return invitations.filter(
        Q(institution_id__in=admin_institution_ids(user)) | Q(unit_id__in=managed_unit_ids(user))
    )


def pending_invitations(user: User, institution: Institution) -> QuerySet[Invitation]:
    return invitations_visible_to(user).filter(institution=institution).order_by("-sent_at", "-pk")


def foreign_course_orgs(institution: Institution) -> set[str]:
    """Open edX organisations (lower case) that other active institutions list: their courses'
    records are theirs to see, not this institution's, even for people of both."""
    listed = (
        Institution.objects.filter(is_active=True)
        .exclude(pk=institution.pk)
        .exclude(lms_orgs="")
        .values_list("lms_orgs", flat=True)
    )
    return {code.strip().lower() for codes in listed for code in codes.split(",") if code.strip()}
