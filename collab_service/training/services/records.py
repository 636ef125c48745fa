"""Events from the LMS in, training records out.

Every event is stored once (its ``event_id`` is unique), then the person's record for the course
is folded again from all of that course's events in the order they happened: by ``occurred_at``,
equal times in the order enrolment, passing, certificate issued, certificate revoked,
unenrolment, then by event id. So the record is the same whatever order the events arrive in: a
revocation that arrives before its certificate still wins if it happened later, and an old
passing status arriving late does not overwrite a newer one.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.course_keys import course_org
from collab_service.training.errors import TrainingEventConflict
from collab_service.training.models import (
    CertificatePolicy,
    EventType,
    TrainingEvent,
    TrainingRecord,
)
from collab_service.training.services.expiry import record_expiry_apply

_ORDER = {
    EventType.ENROLLMENT_CREATED: 0,
    EventType.PASSING_STATUS_UPDATED: 1,
    EventType.CERTIFICATE_CREATED: 2,
    EventType.CERTIFICATE_REVOKED: 3,
    EventType.UNENROLLMENT_COMPLETED: 4,
}
_TEXTS = [
    "course_name",
    "enrollment_mode",
    "certificate_mode",
    "certificate_grade",
    "certificate_status",
    "certificate_download_url",
]
_MOMENTS = [
    "enrolled_at",
    "unenrolled_at",
    "passed_at",
    "certificate_issued_at",
    "certificate_revoked_at",
]


@dataclass(frozen=True)
class EventOutcome:
    record: TrainingRecord
    created: bool


def training_event_record(
    *,
    user: User,
    event_id: uuid.UUID,
    event_type: str,
    occurred_at: datetime,
    course_id: str,
    payload: dict,
) -> EventOutcome:
    """Store an event and bring the person's record up to date; a replay changes nothing.

    ``payload`` holds the validated optional parts: course_name, enrollment_mode, is_passing,
    certificate {mode, grade, status, download_url}.

    Raises:
        TrainingEventConflict: the event id belongs to an event of another person or course.
    """
    with transaction.atomic():
        # The record's row lock serialises every event of one person and course, replays too.
        record, _created = TrainingRecord.objects.get_or_create(
            user=user, course_id=course_id, defaults={"course_org": course_org(course_id).lower()}
        )
        record = TrainingRecord.objects.select_for_update().get(pk=record.pk)
        existing = TrainingEvent.objects.filter(event_id=event_id).first()
        if existing is None:
            try:
                with transaction.atomic():
                    TrainingEvent.objects.create(
                        event_id=event_id,
                        event_type=event_type,
                        occurred_at=occurred_at,
                        user=user,
                        course_id=course_id,
                        payload=payload,
                    )
            except IntegrityError:
                existing = TrainingEvent.objects.filter(event_id=event_id).first()
                if existing is None:
                    raise
        if existing is not None:
            if existing.user_id != user.pk or existing.course_id != course_id:
                raise TrainingEventConflict(_("This event id was already used for another event."))
            return EventOutcome(record=record, created=False)
        training_record_refold(record=record)
        return EventOutcome(record=record, created=True)


def training_record_refold(*, record: TrainingRecord) -> None:
    """Recompute the record from its events and the course's certificate rule, and save it."""
    events = TrainingEvent.objects.filter(user_id=record.user_id, course_id=record.course_id)
    _fold(record, list(events))
    record_expiry_apply(
        record=record, policy=CertificatePolicy.objects.filter(course_id=record.course_id).first()
    )
    record.save()


def _fold(record: TrainingRecord, events: list[TrainingEvent]) -> None:
    for field in _TEXTS:
        setattr(record, field, "")
    for field in _MOMENTS:
        setattr(record, field, None)
    events.sort(key=lambda e: (e.occurred_at, _ORDER[e.event_type], str(e.event_id)))
    for event in events:
        data, when = event.payload, event.occurred_at
        if data.get("course_name"):
            record.course_name = data["course_name"]
        if event.event_type == EventType.ENROLLMENT_CREATED:
            record.enrolled_at, record.unenrolled_at = when, None
            record.enrollment_mode = data.get("enrollment_mode") or record.enrollment_mode
        elif event.event_type == EventType.UNENROLLMENT_COMPLETED:
            record.unenrolled_at = when
        elif event.event_type == EventType.PASSING_STATUS_UPDATED:
            # passed_at: the start of the current passing streak; a failing status ends it.
            if not data.get("is_passing"):
                record.passed_at = None
            elif record.passed_at is None:
                record.passed_at = when
        elif event.event_type == EventType.CERTIFICATE_CREATED:
            certificate = data.get("certificate") or {}
            record.certificate_issued_at, record.certificate_revoked_at = when, None
            record.certificate_mode = certificate.get("mode", "")
            record.certificate_grade = certificate.get("grade", "")
            record.certificate_status = certificate.get("status", "")
            record.certificate_download_url = certificate.get("download_url", "")
        elif event.event_type == EventType.CERTIFICATE_REVOKED:
            # What the certificate was stays readable; it can no longer be downloaded.
            certificate = data.get("certificate") or {}
            record.certificate_revoked_at = when
            record.certificate_status = certificate.get("status") or record.certificate_status
            record.certificate_download_url = ""
