"""Adding people: a member's place is changed at once; anyone else is invited and joins on yes.

An invitation reveals nothing about accounts: whether the address has an account here, in
another institution or nowhere, the caller gets the same answer and the address's owner the
same e-mail. The account is found (or made) only when its owner accepts through the link.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.errors import Conflict, InstitutionError
from collab_service.institutions.models import Institution, Invitation, Membership, Unit
from collab_service.institutions.services.people import (
    check_placement,
    membership_place,
    person_find_or_create,
)
from collab_service.notifications.services import email_enqueue

INVITATION_DAYS = 14
_SALT = "institutions.invitation"
Status = Invitation.Status


@dataclass
class PersonAdded:
    """What adding a person did: a place for a member, or an invitation for anyone else."""

    membership: Membership | None = None
    created: bool = False
    invitation: Invitation | None = None


def invitation_expires_at(invitation: Invitation) -> datetime:
    return invitation.sent_at + timedelta(days=INVITATION_DAYS)


def invitation_link(invitation: Invitation) -> str:
    token = signing.dumps({"i": invitation.pk, "k": invitation.key}, salt=_SALT)
    return settings.PUBLIC_URL + reverse("invitations:answer", args=[token])


def invitation_by_token(token: str) -> Invitation | None:
    """The pending, unexpired invitation the link names, else None."""
    try:
        payload = signing.loads(token, salt=_SALT)
        invitation = Invitation.objects.select_related("institution", "unit", "invited_by").get(
            pk=int(payload["i"]), key=str(payload["k"]), status=Status.PENDING
        )
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if invitation_expires_at(invitation) <= timezone.now():
        return None
    return invitation


def person_add(
    *,
    institution: Institution,
    email: str,
    full_name: str,
    unit: Unit | None,
    role: str | None = None,
    job_title: str | None = None,
    may_change_role: bool = False,
    invited_by: User | None = None,
    language: str = "pl",
) -> PersonAdded:
    """Place a member of the institution, or invite the address to the place."""
    check_placement(institution, unit, role or Membership.Role.OFFICIAL)
    email = User.objects.normalize_email(email).strip()
    members = list(
        User.objects.filter(email__iexact=email, memberships__institution=institution).distinct()[
            :2
        ]
    )
    if len(members) > 1:
        raise InstitutionError(_("Several accounts use this e-mail address; ask a platform admin."))
    if members:
        membership, created = membership_place(
            user=members[0],
            institution=institution,
            unit=unit,
            role=role,
            job_title=job_title,
            may_change_role=may_change_role,
        )
        return PersonAdded(membership=membership, created=created)
    invitation = _invitation_send(
        institution=institution,
        email=email,
        full_name=full_name,
        unit=unit,
        role=role or Membership.Role.OFFICIAL,
        job_title=job_title or "",
        invited_by=invited_by,
        language=language,
    )
    return PersonAdded(invitation=invitation)


def _invitation_send(
    *,
    institution: Institution,
    email: str,
    full_name: str,
    unit: Unit | None,
    role: str,
    job_title: str,
    invited_by: User | None,
    language: str,
) -> Invitation:
    """One pending invitation per address and place: sending again refreshes it."""
    with transaction.atomic():
        Institution.objects.select_for_update().filter(pk=institution.pk).first()
        # Locked: an answer or a withdrawal that commits meanwhile is not written back over.
        pending = Invitation.objects.select_for_update().filter(
            institution=institution, unit=unit, email__iexact=email, status=Status.PENDING
        )
        invitation = pending.first() or Invitation(institution=institution, unit=unit, email=email)
        invitation.role, invitation.job_title = role, job_title
        invitation.full_name, invitation.invited_by = full_name, invited_by
        invitation.key, invitation.sent_at = secrets.token_hex(16), timezone.now()
        invitation.save()
        _invitation_mail(invitation, language)
    return invitation


def _invitation_mail(invitation: Invitation, language: str) -> None:
    with translation.override(language):
        context = {
            "invitation": invitation,
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
            "place": invitation.unit.name if invitation.unit else invitation.institution.name,
            "role": invitation.get_role_display(),
            "link": invitation_link(invitation),
            "until": formats.date_format(
                timezone.localtime(
                    invitation_expires_at(invitation), ZoneInfo(invitation.institution.time_zone)
                ),
                "DATE_FORMAT",
            ),
        }
        subject = _("Invitation to %(institution)s in SZPoN") % {
            "institution": invitation.institution.name
        }
        body = render_to_string("institutions/email/invitation.txt", context)
    email_enqueue(
        idempotency_key=f"invitation:{invitation.pk}:{invitation.key}",
        to=[invitation.email],
        subject=subject,
        body_text=body,
    )


def _answer(invitation: Invitation, status: str) -> Invitation:
    """Lock the invitation and mark it answered; Conflict if it was answered meanwhile."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != Status.PENDING or locked.key != invitation.key:
        raise Conflict(_("This invitation has already been answered or withdrawn."))
    locked.status, locked.answered_at = status, timezone.now()
    locked.key = secrets.token_hex(16)
    locked.save(update_fields=["status", "answered_at", "key"])
    return locked


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The signed-in owner of the invited address takes the place."""
    if user.email.strip().lower() != invitation.email.lower():
        raise InstitutionError(
            _("This invitation was sent to another e-mail address than your account's.")
        )
    with transaction.atomic():
        return _place(_answer(invitation, Status.ACCEPTED), user)


def _place(invitation: Invitation, user: User) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user,
        institution=invitation.institution,
        unit=invitation.unit,
        defaults={"role": invitation.role, "job_title": invitation.job_title},
    )
    return membership


def invitation_accept_as_new(*, invitation: Invitation, full_name: str, password: str) -> User:
    """The owner of an address without an account makes one and takes the place."""
    with transaction.atomic():
        # The invitation first: of two submissions of the form, the second waits here and then
        # finds the invitation answered (a Conflict, not a second account or a 500).
        invitation = _answer(invitation, Status.ACCEPTED)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise Conflict(_("An account with this e-mail address exists: sign in to accept."))
        user, _created = person_find_or_create(email=invitation.email, full_name=full_name)
        user.set_password(password)
        user.save(update_fields=["password"])
        _place(invitation, user)
    return user


def invitation_decline(*, invitation: Invitation) -> None:
    with transaction.atomic():
        _answer(invitation, Status.DECLINED)


def invitation_revoke(*, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link stops working at once."""
    with transaction.atomic():
        _answer(invitation, Status.REVOKED)
