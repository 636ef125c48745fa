"""Delivery of training events to the service, retried while it is unavailable."""

import logging
import random
from typing import Any, NoReturn

from celery import shared_task

from edx_plugins.szpon import compat
from edx_plugins.szpon.client import ServiceError, ServiceRefused, client_for
from edx_plugins.szpon.config import service_settings

logger = logging.getLogger(__name__)

# With the default first delay of 30 s: 30 s, 1 min, 2 min ... then hourly, about four days.
MAX_RETRIES = 100
MAX_DELAY_SECONDS = 3600
# Refusals that may pass on a later attempt: a token the service cannot verify yet (key set not
# handed over, clock skew), a timeout, rate limiting. Any other 4xx is about the event itself and
# never passes: 409 is the service saying this event id already belongs to another event.
RETRYABLE_STATUSES = frozenset({401, 408, 429})


def retry_delay(retries: int) -> int:
    """Seconds before the next attempt: doubling from EVENT_RETRY_SECONDS up to an hour, with
    some jitter so that events queued during an outage do not all come back at once."""
    first = max(int(service_settings()["EVENT_RETRY_SECONDS"]), 1)
    delay = min(first * 2 ** min(retries, 20), MAX_DELAY_SECONDS)
    return delay + random.randint(0, delay // 10)  # noqa: S311 - jitter, not security


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def training_event_deliver(self: Any, *, user_id: int, payload: dict[str, Any]) -> str:
    """Send one training event as the event's user; returns what happened (for logs and tests).

    The service answers a repeated ``event_id`` without recording it twice, so a delivery
    retried after a lost answer is harmless.
    """
    user = compat.get_user(user_id)
    if user is None:
        logger.warning("training event %s: no user %s", payload.get("event_id"), user_id)
        return "no_user"
    try:
        with client_for(user, course_id=payload["course_id"], course_role="learner") as client:
            result = client.training_event(**payload)
    except ServiceRefused as error:
        if error.status not in RETRYABLE_STATUSES:
            logger.error(
                "training event %s refused by the service (HTTP %s, %s): %s",
                payload.get("event_id"),
                error.status,
                error.code,
                error.message,
            )
            return "refused"
        _retry(self, payload, error, f"HTTP {error.status}, {error.code}: {error.message}")
    except ServiceError as error:
        # Unavailable, or an answer that could not be read (a proxy's page, a cut-off body):
        # whether the event was recorded is unknown, and a replay is harmless.
        _retry(self, payload, error, error.detail or error.message)
    return "delivered" if result.created else "duplicate"


def _retry(task: Any, payload: dict[str, Any], error: Exception, detail: str) -> NoReturn:
    logger.warning(
        "training event %s not delivered (attempt %d): %s",
        payload.get("event_id"),
        task.request.retries + 1,
        detail,
    )
    raise task.retry(exc=error, countdown=retry_delay(task.request.retries)) from error
