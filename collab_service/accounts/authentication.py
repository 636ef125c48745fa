"""DRF authentication by LMS-issued JWTs: ``Authorization: JWT <token>`` (or ``Bearer``)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from collab_service.accounts.jwt_verifier import (
    InvalidLmsToken,
    LmsIdentity,
    PluginContext,
    lms_jwt_verifier,
)
from collab_service.accounts.models import User
from collab_service.accounts.services.lms_users import lms_user_for

_PREFIXES = {b"jwt", b"bearer"}


@dataclass(frozen=True)
class LmsAuth:
    """``request.auth`` for a request authenticated by an LMS token."""

    token: str
    identity: LmsIdentity


def plugin_context(request: Request) -> PluginContext | None:
    """The course context our LMS plugin signed into the request's token, if any."""
    auth = getattr(request, "auth", None)
    return auth.identity.plugin if isinstance(auth, LmsAuth) else None


class LmsJwtAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[User, LmsAuth] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in _PREFIXES:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header."))
        try:
            token = parts[1].decode("ascii")
            identity = lms_jwt_verifier().identity(token)
        except (UnicodeDecodeError, InvalidLmsToken) as exc:
            raise exceptions.AuthenticationFailed(str(exc) or _("Invalid token.")) from exc
        user = lms_user_for(identity)
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User account is disabled."))
        return user, LmsAuth(token=token, identity=identity)

    def authenticate_header(self, request: Request) -> str:
        return 'JWT realm="api"'
