"""A record's state at a moment, in Python and as a database filter that agree with each other.

Precedence: a certificate that is held (issued, not revoked) decides (valid, expiring soon or
expired); else a revoked certificate; else passing; else the enrolment.
"""

from datetime import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from collab_service.training.models import TrainingRecord


class TrainingState(models.TextChoices):
    CERTIFIED = "certified", _("Certificate valid")
    EXPIRING_SOON = "expiring_soon", _("Certificate expires soon")
    EXPIRED = "expired", _("Certificate expired")
    REVOKED = "revoked", _("Certificate revoked")
    PASSED = "passed", _("Passed")
    ENROLLED = "enrolled", _("Enrolled")
    UNENROLLED = "unenrolled", _("Unenrolled")


TRAINED = (TrainingState.CERTIFIED, TrainingState.EXPIRING_SOON, TrainingState.PASSED)


def record_state(record: TrainingRecord, now: datetime) -> TrainingState:
    if record.certificate_issued_at and not record.certificate_revoked_at:
        if record.expires_at is not None and record.expires_at <= now:
            return TrainingState.EXPIRED
        if record.remind_at is not None and record.remind_at <= now:
            return TrainingState.EXPIRING_SOON
        return TrainingState.CERTIFIED
    if record.certificate_revoked_at:
        return TrainingState.REVOKED
    if record.passed_at:
        return TrainingState.PASSED
    if record.unenrolled_at and (
        not record.enrolled_at or record.unenrolled_at >= record.enrolled_at
    ):
        return TrainingState.UNENROLLED
    return TrainingState.ENROLLED


def _held() -> Q:
    return Q(certificate_issued_at__isnull=False, certificate_revoked_at__isnull=True)


def state_q(state: str, now: datetime) -> Q:
    """The records in ``state`` at ``now``; ``trained`` is valid, expiring soon or passed."""
    not_expired = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    reminding = Q(remind_at__isnull=False, remind_at__lte=now)
    not_reminding = Q(remind_at__isnull=True) | Q(remind_at__gt=now)
    no_certificate = Q(certificate_issued_at__isnull=True, certificate_revoked_at__isnull=True)
    unenrolled = Q(unenrolled_at__isnull=False) & (
        Q(enrolled_at__isnull=True) | Q(unenrolled_at__gte=F("enrolled_at"))
    )
    enrolled = Q(unenrolled_at__isnull=True) | Q(
        enrolled_at__isnull=False, unenrolled_at__lt=F("enrolled_at")
    )
    without_progress = no_certificate & Q(passed_at__isnull=True)
    conditions = {
        TrainingState.CERTIFIED: _held() & not_expired & not_reminding,
        TrainingState.EXPIRING_SOON: _held() & not_expired & reminding,
        TrainingState.EXPIRED: _held() & Q(expires_at__lte=now),
        TrainingState.REVOKED: Q(certificate_revoked_at__isnull=False),
        TrainingState.PASSED: no_certificate & Q(passed_at__isnull=False),
        TrainingState.UNENROLLED: without_progress & unenrolled,
        TrainingState.ENROLLED: without_progress & enrolled,
    }
    if state == "trained":
        return (_held() & not_expired) | conditions[TrainingState.PASSED]
    return conditions[TrainingState(state)]
