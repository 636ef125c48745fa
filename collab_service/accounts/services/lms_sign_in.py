"""Signing officials in with their Open edX account (OAuth2 authorization code, LMS as provider).

The view keeps the state between the two steps in the session; the rules live here.
"""

import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.jwt_verifier import InvalidLmsToken, LmsJwtVerifier, lms_jwt_verifier
from collab_service.accounts.lms_oauth import (
    LmsOAuthClient,
    LmsRefusedCode,
    LmsUnreachable,
)
from collab_service.accounts.models import User
from collab_service.accounts.services.lms_users import lms_user_for

logger = logging.getLogger(__name__)


class LmsSignInFailed(Exception):
    """The sign-in did not happen. ``message`` is for the person, the exception text for the log."""

    message = _("Signing in with your Open edX account did not work. Please try again.")
    status = 400


class LmsSignInDenied(LmsSignInFailed):
    message = _("The Open edX platform refused the sign-in, so you are not signed in.")


class LmsSignInStateInvalid(LmsSignInFailed):
    message = _("This sign-in has expired or was already used. Please start again.")


class LmsSignInUnavailable(LmsSignInFailed):
    status = 502
    message = _(
        "The Open edX platform cannot be reached right now. Please try again in a few minutes."
    )


class LmsSignInRefused(LmsSignInFailed):
    message = _("The Open edX platform did not confirm your sign-in. Please start again.")


class LmsSignInTokenInvalid(LmsSignInFailed):
    message = _(
        "Your Open edX sign-in could not be verified. Please try again; if it keeps failing, "
        "tell the administrator."
    )


class LmsSignInAccountDisabled(LmsSignInFailed):
    status = 403
    message = _("Your SZPoN account is disabled. Ask your institution's administrator.")


@dataclass(frozen=True)
class LmsSignInStart:
    state: str
    authorize_url: str


def lms_oauth_client() -> LmsOAuthClient | None:
    """The LMS OAuth2 client, or None when sign-in with Open edX is not configured."""
    conf = settings.LMS_OAUTH
    if not (settings.LMS_URL and conf["url"] and conf["client_id"] and conf["client_secret"]):
        return None
    if not lms_jwt_verifier().configured:
        return None
    return LmsOAuthClient(
        public_url=settings.LMS_URL,
        server_url=conf["url"],
        client_id=conf["client_id"],
        client_secret=conf["client_secret"],
        timeout_seconds=conf["timeout_seconds"],
    )


def lms_sign_in_start(*, client: LmsOAuthClient, redirect_uri: str) -> LmsSignInStart:
    """A fresh random state and the LMS address to send the browser to."""
    state = secrets.token_urlsafe(32)
    return LmsSignInStart(
        state=state, authorize_url=client.authorize_url(redirect_uri=redirect_uri, state=state)
    )


def lms_sign_in_complete(
    *,
    client: LmsOAuthClient,
    verifier: LmsJwtVerifier,
    redirect_uri: str,
    expected_state: str | None,
    state: str,
    code: str,
    error: str,
) -> User:
    """The local user the LMS vouches for, created or refreshed.

    ``expected_state`` is the state this browser's sign-in started with (None when there is
    none); the caller forgets it before calling, so each state serves one answer.

    Raises:
        LmsSignInFailed: a subclass saying what went wrong.
    """
    if error:
        if error == "access_denied":
            raise LmsSignInDenied("the LMS answered error=access_denied")
        raise LmsSignInRefused(f"the LMS answered error={error[:100]!r}")
    if not expected_state:
        raise LmsSignInStateInvalid("no sign-in was started in this session, or it was used")
    if not secrets.compare_digest(state.encode(), expected_state.encode()):
        raise LmsSignInStateInvalid("the state does not match the one this sign-in started with")
    if not code:
        raise LmsSignInRefused("the LMS answered without a code")
    try:
        token = client.code_exchange(code=code, redirect_uri=redirect_uri)
    except LmsUnreachable as exc:
        raise LmsSignInUnavailable(str(exc)) from exc
    except LmsRefusedCode as exc:
        raise LmsSignInRefused(str(exc)) from exc
    try:
        identity = verifier.identity(token)
    except InvalidLmsToken as exc:
        raise LmsSignInTokenInvalid(f"the LMS token is not trusted: {exc}") from exc
    user = lms_user_for(identity)
    if not user.is_active:
        raise LmsSignInAccountDisabled(
            f"user {user.pk} (LMS user {identity.lms_user_id}) is disabled"
        )
    logger.info("user %s signed in with LMS user %s", user.pk, identity.lms_user_id)
    return user
