"""Receivers of the platform's learning events (connected through ``plugin_app``'s
``signals_config``): each event becomes a training event delivered to the service by Celery
after the platform's transaction commits, so a service that is down only delays it (retries for
about four days). Lost are: events while ``SZPON_SERVICE["URL"]`` is empty, events the LMS's Celery
broker refuses at commit (logged), and events still refused when the retries run out (logged).
"""

import logging
from typing import Any

from django.db import transaction

from edx_plugins.szpon import compat, training_events
from edx_plugins.szpon.config import service_settings
from edx_plugins.szpon.tasks import training_event_deliver
from edx_plugins.szpon.training_events import TrainingDelivery

logger = logging.getLogger(__name__)


def deliver(delivery: TrainingDelivery) -> None:
    if not service_settings()["URL"]:
        logger.debug("SZPON_SERVICE URL is not set: training event %s not sent", delivery)
        return
    payload = dict(delivery.payload)
    if "course_name" not in payload:
        payload["course_name"] = compat.course_display_name(delivery.course_id)
    transaction.on_commit(lambda: _enqueue(delivery.user_id, payload))


def _enqueue(user_id: int, payload: dict[str, Any]) -> None:
    """Queue the delivery; the platform's transaction has committed, so a broker that is down
    must not fail the learner's request: the event is logged (to be replayed by hand)."""
    try:
        training_event_deliver.delay(user_id=user_id, payload=payload)
    except Exception:
        logger.exception(
            "training event %s (%s, user %s, course %s) could not be queued",
            payload.get("event_id"),
            payload.get("event_type"),
            user_id,
            payload.get("course_id"),
        )


def enrollment_created(sender: Any, enrollment: Any, metadata: Any, **kwargs: Any) -> None:
    deliver(
        training_events.from_enrollment(
            enrollment, metadata, event_type=training_events.ENROLLMENT_CREATED
        )
    )


def unenrollment_completed(sender: Any, enrollment: Any, metadata: Any, **kwargs: Any) -> None:
    deliver(
        training_events.from_enrollment(
            enrollment, metadata, event_type=training_events.UNENROLLMENT_COMPLETED
        )
    )


def certificate_created(sender: Any, certificate: Any, metadata: Any, **kwargs: Any) -> None:
    deliver(
        training_events.from_certificate(
            certificate, metadata, event_type=training_events.CERTIFICATE_CREATED
        )
    )


def certificate_revoked(sender: Any, certificate: Any, metadata: Any, **kwargs: Any) -> None:
    deliver(
        training_events.from_certificate(
            certificate, metadata, event_type=training_events.CERTIFICATE_REVOKED
        )
    )


def passing_status_updated(
    sender: Any, course_passing_status: Any, metadata: Any, **kwargs: Any
) -> None:
    deliver(training_events.from_passing_status(course_passing_status, metadata))
