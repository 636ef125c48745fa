"""Learning events (openedx-events) turned into the service's training events: pure functions
of the event data and its metadata, so they are tested without a platform or a service."""

from dataclasses import dataclass
from typing import Any

ENROLLMENT_CREATED = "enrollment_created"
UNENROLLMENT_COMPLETED = "unenrollment_completed"
CERTIFICATE_CREATED = "certificate_created"
CERTIFICATE_REVOKED = "certificate_revoked"
PASSING_STATUS_UPDATED = "passing_status_updated"


@dataclass(frozen=True)
class TrainingDelivery:
    """One event to deliver as the LMS user ``user_id``; ``payload`` is JSON-ready and holds
    the keyword arguments of ``ServiceClient.training_event``."""

    user_id: int
    payload: dict[str, Any]

    @property
    def course_id(self) -> str:
        return self.payload["course_id"]


def _base(event_type: str, course: Any, metadata: Any) -> dict[str, Any]:
    payload = {
        # The platform gives each event a unique id: the service keeps only the first delivery.
        "event_id": str(metadata.id),
        "event_type": event_type,
        "occurred_at": metadata.time.isoformat(),
        "course_id": str(course.course_key),
    }
    if course.display_name:
        payload["course_name"] = course.display_name
    return payload


def from_enrollment(enrollment: Any, metadata: Any, *, event_type: str) -> TrainingDelivery:
    """``CourseEnrollmentData`` of COURSE_ENROLLMENT_CREATED or COURSE_UNENROLLMENT_COMPLETED."""
    payload = _base(event_type, enrollment.course, metadata)
    if enrollment.mode:
        payload["enrollment_mode"] = enrollment.mode
    return TrainingDelivery(user_id=enrollment.user.id, payload=payload)


def from_certificate(certificate: Any, metadata: Any, *, event_type: str) -> TrainingDelivery:
    """``CertificateData`` of CERTIFICATE_CREATED or CERTIFICATE_REVOKED."""
    payload = _base(event_type, certificate.course, metadata)
    payload["certificate"] = {
        "mode": certificate.mode or "",
        "grade": certificate.grade or "",
        "status": certificate.current_status or "",
        "download_url": certificate.download_url or "",
    }
    return TrainingDelivery(user_id=certificate.user.id, payload=payload)


def from_passing_status(status: Any, metadata: Any) -> TrainingDelivery:
    """``CoursePassingStatusData`` of COURSE_PASSING_STATUS_UPDATED."""
    payload = _base(PASSING_STATUS_UPDATED, status.course, metadata)
    payload["is_passing"] = bool(status.is_passing)
    return TrainingDelivery(user_id=status.user.id, payload=payload)
