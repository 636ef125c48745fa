"""When a certificate stops being valid, and when its holder is reminded."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings

from collab_service.training.models import CertificatePolicy, TrainingRecord


def certificate_expires_at(*, issued_at: datetime, validity_months: int) -> datetime:
    """The same wall-clock time in the service's time zone, ``validity_months`` calendar months
    later; a day the target month lacks becomes its last day (31 January + 1 month = end of
    February)."""
    local = issued_at.astimezone(ZoneInfo(settings.TIME_ZONE))
    return local + relativedelta(months=validity_months)


def record_expiry_apply(*, record: TrainingRecord, policy: CertificatePolicy | None) -> None:
    """Set the record's rule, expiry and reminder time (unsaved): only a held certificate of a
    course with a rule expires."""
    record.policy = policy
    held = record.certificate_issued_at is not None and record.certificate_revoked_at is None
    if policy is None or not held:
        record.expires_at = record.remind_at = None
        return
    record.expires_at = certificate_expires_at(
        issued_at=record.certificate_issued_at, validity_months=policy.validity_months
    )
    record.remind_at = record.expires_at - timedelta(days=policy.remind_days_before)


EXPIRY_FIELDS = ["policy", "expires_at", "remind_at"]
