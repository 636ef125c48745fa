"""Sign-in lockout settings for django-axes: one rule for the sign-in page and the admin's.

Failures are counted per username (in any letter case) and client address; after
``SIGN_IN_MAX_FAILURES`` the pair is locked for ``SIGN_IN_LOCKOUT_SECONDS``, and the page says so
with status 429 (the form's own message, see forms.LockoutMessageMixin).
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def failure_limit(request: HttpRequest, credentials: dict | None) -> int:
    return settings.SIGN_IN_MAX_FAILURES


def cool_off(request: HttpRequest | None = None) -> timedelta:
    return timedelta(seconds=settings.SIGN_IN_LOCKOUT_SECONDS)


def username(request: HttpRequest, credentials: dict | None) -> str:
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(name).strip().lower()


def locked_out_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page the form rendered (it names the lockout), answered as Too Many Requests."""
    if original_response is None:
        return HttpResponse(status=429)
    original_response.status_code = 429
    return original_response
