"""The blocks' only way to the collaboration service: the plugin's client, imported lazily.

The client mints a token for a user. Inside the LMS the platform signs it for the real user
(found by id through the plugin's adapter); where the plugin signs with its own key (workbench,
tests) the host project's users are not the LMS's, so the user service's data is handed over.
"""

import logging
from dataclasses import dataclass

from xblocks.common.errors import ActionError
from xblocks.common.identity import Viewer

log = logging.getLogger(__name__)

PUBLIC_READ_SECONDS = 60
# A page waits for the service once, briefly: an outage must not hold every unit for the
# handlers' retries and timeouts.
RENDER_TIMEOUT_SECONDS = 2.0
# How long anonymous page views skip the service after it did not answer one of them.
PUBLIC_FAILURE_SECONDS = 20
_PUBLIC_DOWN_KEY = "szpon-xblocks:service-down"


@dataclass(frozen=True)
class TokenUser:
    """The user attributes the plugin's standalone signer reads, filled from the user service."""

    pk: int
    username: str
    email: str
    full_name: str
    first_name: str = ""
    last_name: str = ""
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False

    def get_full_name(self) -> str:
        return self.full_name


def errors() -> tuple[type[Exception], ...]:
    from edx_plugins.szpon.client import ServiceError

    return (ServiceError,)


def client(viewer: Viewer, *, course_id: str, course_role: str, render: bool = False):
    """A client acting for ``viewer`` in the course; an ActionError-free path only when the
    viewer is signed in (handlers check that first). ``render``: for a view of the block, one
    short attempt per call (see ``render_limits``).

    Raises:
        ServiceUnavailable: the site cannot sign tokens (no key or issuer configured).
    """
    from django.core.exceptions import ImproperlyConfigured
    from django.utils import translation

    from edx_plugins.szpon import client as service_client
    from edx_plugins.szpon import compat
    from edx_plugins.szpon.config import service_settings

    if service_settings()["JWT_PRIVATE_KEY"]:
        user = TokenUser(
            pk=viewer.user_id or 0,
            username=viewer.username,
            email=viewer.email,
            full_name=viewer.full_name,
        )
    else:
        user = compat.get_user(viewer.user_id)
        if user is None:
            raise service_client.ServiceRefused("Unknown user.", status=403, code="unknown_user")
    try:
        return service_client.client_for(
            user, course_id=course_id, course_role=course_role, **render_limits(render)
        )
    except ImproperlyConfigured as error:
        # Like the course tab: the site's settings are incomplete, so there is no service.
        log.error("the service client is not configured: %s", error)
        raise service_client.ServiceUnavailable(
            translation.gettext("Meetings are not set up on this site yet."),
            detail=f"the service client is not configured: {error}",
        ) from error


def public_client(*, render: bool = False):
    """A client without a token, for the service's public endpoints."""
    from edx_plugins.szpon.client import public_client as make

    return make(**render_limits(render))


def render_limits(render: bool) -> dict:
    """No retries and at most ``RENDER_TIMEOUT_SECONDS`` for a page render; handlers (``render``
    false) keep the configured timeout and retries."""
    if not render:
        return {}
    from edx_plugins.szpon.config import service_settings

    timeout = min(float(service_settings()["TIMEOUT"]), RENDER_TIMEOUT_SECONDS)
    return {"timeout": timeout, "retries": 0}


def public_read(key: str, read):
    """``read(client)`` on the public client, shared for a minute between anonymous page views:
    they all come from the LMS's address, which the service limits per hour. When the service
    does not answer, the next views for ``PUBLIC_FAILURE_SECONDS`` do not wait for it again."""
    from django.core.cache import cache
    from django.utils import translation

    from edx_plugins.szpon.client import ServiceUnavailable

    cache_key = f"szpon-xblocks:{key}"
    found = cache.get(cache_key)
    if found is not None:
        return found
    if cache.get(_PUBLIC_DOWN_KEY):
        raise ServiceUnavailable(
            translation.gettext(
                "The meetings service is not available right now. Please try later."
            ),
            detail="the service did not answer a page view moments ago",
        )
    try:
        with public_client(render=True) as client:
            found = read(client)
    except ServiceUnavailable:
        cache.set(_PUBLIC_DOWN_KEY, True, PUBLIC_FAILURE_SECONDS)
        raise
    cache.set(cache_key, found, PUBLIC_READ_SECONDS)
    return found


def unavailable(exc: Exception) -> bool:
    from edx_plugins.szpon.client import ServiceUnavailable

    return isinstance(exc, ServiceUnavailable)


def refused(exc: Exception, status: int) -> bool:
    from edx_plugins.szpon.client import ServiceRefused

    return isinstance(exc, ServiceRefused) and exc.status == status


def friendly(exc: Exception, t, refusals: dict) -> ActionError:
    """Our own translated message for a service error: by the service's code, then its HTTP
    status (``refusals`` holds a block's wording for them), else a general one."""
    status = getattr(exc, "status", None)
    code = getattr(exc, "code", "") or ""
    if unavailable(exc) or status is None or status >= 500:
        return ActionError(
            t.gettext(
                "The meetings and consultations service is not available right now. "
                "Try again in a few minutes."
            ),
            "service_unavailable",
            503,
        )
    message = refusals.get(code) or refusals.get(status)
    if message is None:
        message = {
            401: t.gettext("Your session could not be confirmed. Reload the page and try again."),
            403: t.gettext("You are not allowed to do this."),
            404: t.gettext("This item no longer exists in the service."),
            409: t.gettext("This cannot be done right now."),
            429: t.gettext("Too many attempts. Wait a minute and try again."),
        }.get(
            status, t.gettext("The service did not accept this. Check the details and try again.")
        )
    else:
        message = t.gettext(message)
    return ActionError(message, code or f"refused_{status}", status)
