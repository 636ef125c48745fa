"""Who may call the endpoints Jitsi's server (Prosody) calls."""

import hmac

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated, NotFound
from rest_framework.exceptions import PermissionDenied as Forbidden
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


class JitsiServerToken(BasePermission):
    """Prosody sends ``Authorization: Bearer <JITSI_EVENT_SYNC_TOKEN>`` (event sync's
    ``api_headers``, mod_reservations' ``reservations_api_headers``). With no token configured
    every call is refused."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        expected = settings.JITSI_EVENT_SYNC_TOKEN
        if not expected:
            raise Forbidden(_("Calls from the Jitsi server are switched off: no token is set."))
        scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise NotAuthenticated(_("A bearer token is required."))
        if not hmac.compare_digest(token.encode(), expected.encode()):
            raise AuthenticationFailed(_("The bearer token is not valid."))
        return True


class ReservationsSwitchedOn(BasePermission):
    """The reservation API exists only when ``JITSI_RESERVATIONS`` is on."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not settings.JITSI_RESERVATIONS:
            raise NotFound(_("Not found."))
        return True
