"""Writes to the people of an institution: their places (memberships) and new accounts."""

from django.db import transaction
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.errors import Conflict, InstitutionError
from collab_service.institutions.models import Institution, Membership, Unit

Role = Membership.Role


def check_placement(institution: Institution, unit: Unit | None, role: str) -> None:
    if role not in Role.values:
        raise InstitutionError(_("Unknown role."))
    if unit is not None and unit.institution_id != institution.id:
        raise InstitutionError(_("The unit belongs to another institution."))
    if unit is None and role != Role.INSTITUTION_ADMIN:
        raise InstitutionError(_("Officials and unit managers must belong to a unit."))


def person_find_or_create(*, email: str, full_name: str) -> tuple[User, bool]:
    """The local account for an e-mail address; a new one has no password until set by its owner."""
    email = User.objects.normalize_email(email).strip()
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise InstitutionError(_("Several accounts use this e-mail address; ask a platform admin."))
    if matches:
        return matches[0], False
    username = email.lower()[:150]
    if User.objects.filter(username=username).exists():
        raise InstitutionError(_("This e-mail address is taken as another account's username."))
    user = User(username=username, email=email, full_name=full_name)
    user.set_unusable_password()
    user.save()
    return user, True


def membership_place(
    *,
    user: User,
    institution: Institution,
    unit: Unit | None,
    role: str | None = None,
    job_title: str | None = None,
    may_change_role: bool = False,
) -> tuple[Membership, bool]:
    """Give a person who already belongs to the institution a place (or update theirs).

    People from outside join only by accepting an invitation (services.invitations).
    ``role`` None means official for a new place and no change for an existing one; ``job_title``
    None keeps the stored title. Changing the role of an existing place needs ``may_change_role``
    and keeps the institution's last admin. Returns the membership and whether it was created.
    """
    check_placement(institution, unit, role or Role.OFFICIAL)
    with transaction.atomic():
        # Serialise concurrent additions of the same person (NULL units escape the unique key).
        User.objects.select_for_update().filter(pk=user.pk).first()
        membership = Membership.objects.filter(
            user=user, institution=institution, unit=unit
        ).first()
        if membership is None:
            membership = Membership.objects.create(
                user=user,
                institution=institution,
                unit=unit,
                role=role or Role.OFFICIAL,
                job_title=job_title or "",
            )
            return membership, True
        if role is not None and role != membership.role:
            if not may_change_role:
                raise Conflict(
                    _(
                        "This person already has this place with another role; only an "
                        "institution admin can change it."
                    )
                )
            membership_update(membership=membership, role=role, job_title=job_title)
        elif job_title is not None and job_title != membership.job_title:
            membership.job_title = job_title
            membership.save(update_fields=["job_title"])
    return membership, False


def _is_last_admin(membership: Membership) -> bool:
    return (
        membership.role == Role.INSTITUTION_ADMIN
        and not Membership.objects.filter(
            institution=membership.institution, role=Role.INSTITUTION_ADMIN
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def membership_update(
    *,
    membership: Membership,
    role: str | None = None,
    unit: Unit | None = None,
    job_title: str | None = None,
    move_unit: bool = False,
) -> Membership:
    new_role = role if role is not None else membership.role
    new_unit = unit if move_unit else membership.unit
    check_placement(membership.institution, new_unit, new_role)
    if new_role != Role.INSTITUTION_ADMIN and _is_last_admin(membership):
        raise Conflict(_("An institution keeps at least one admin."))
    if (
        new_unit != membership.unit
        and Membership.objects.filter(
            user=membership.user, institution=membership.institution, unit=new_unit
        ).exists()
    ):
        raise Conflict(_("This person already has a place in that unit."))
    membership.role, membership.unit = new_role, new_unit
    if job_title is not None:
        membership.job_title = job_title
    membership.save()
    return membership


def membership_remove(*, membership: Membership) -> None:
    """Remove a membership; the last institution admin cannot be removed."""
    if _is_last_admin(membership):
        raise Conflict(_("An institution keeps at least one admin."))
    membership.delete()
