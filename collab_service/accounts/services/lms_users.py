"""Local users for Open edX identities, created on first sight and keyed by the LMS user id."""

import uuid

from django.db import IntegrityError, transaction

from collab_service.accounts.jwt_verifier import LmsIdentity
from collab_service.accounts.models import User

_USERNAME_MAX = User._meta.get_field("username").max_length


def _free_username(preferred: str, lms_user_id: int) -> str:
    base = (preferred or f"lms-{lms_user_id}")[: _USERNAME_MAX - 30]
    for candidate in (base, f"{base}.lms{lms_user_id}"):
        if not User.objects.filter(username=candidate).exists():
            return candidate
    return f"{base}.lms{lms_user_id}.{uuid.uuid4().hex[:8]}"


def lms_user_sync(*, lms_user_id: int, username: str, email: str, full_name: str) -> User:
    """Return the local user for an LMS identity, creating it or refreshing its profile."""
    user = User.objects.filter(lms_user_id=lms_user_id).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create(
                    lms_user_id=lms_user_id,
                    username=_free_username(username, lms_user_id),
                    email=email,
                    full_name=full_name,
                )
                user.set_unusable_password()
                user.save(update_fields=["password"])
                return user
        except IntegrityError:
            # Another request created the same LMS user concurrently, or took the username.
            user = User.objects.filter(lms_user_id=lms_user_id).first()
            if user is None:
                raise
    changed = []
    if email and user.email != email:
        user.email = email
        changed.append("email")
    if full_name and user.full_name != full_name:
        user.full_name = full_name
        changed.append("full_name")
    if changed:
        user.save(update_fields=changed)
    return user


def lms_user_for(identity: LmsIdentity) -> User:
    """The local user of a verified LMS identity (see ``lms_user_sync``)."""
    return lms_user_sync(
        lms_user_id=identity.lms_user_id,
        username=identity.username,
        email=identity.email,
        full_name=identity.full_name,
    )
