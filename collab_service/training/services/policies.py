"""Certificate validity rules: saving or removing one recomputes its course's expiry dates."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from collab_service.training.errors import TrainingError
from collab_service.training.models import (
    MAX_REMIND_DAYS,
    MAX_VALIDITY_MONTHS,
    CertificatePolicy,
    TrainingRecord,
    validate_course_id,
)
from collab_service.training.services.expiry import EXPIRY_FIELDS, record_expiry_apply


def certificate_policy_save(
    *,
    policy: CertificatePolicy | None = None,
    course_id: str,
    course_name: str = "",
    validity_months: int,
    remind_days_before: int = 30,
    notify_institution_admins: bool = False,
    course_url: str = "",
) -> CertificatePolicy:
    """Create a rule (``policy`` None) or change one, then recompute the affected records.

    Raises:
        TrainingError: a value is out of range, or another rule already covers the course.
    """
    course_id = course_id.strip()
    if not course_id:
        raise TrainingError(_("Give the course id."))
    try:
        validate_course_id(course_id)
    except ValidationError as error:
        raise TrainingError(error.messages[0]) from None
    if not 1 <= validity_months <= MAX_VALIDITY_MONTHS:
        raise TrainingError(
            _("A certificate is valid for 1 to %(max)d months.") % {"max": MAX_VALIDITY_MONTHS}
        )
    if not 0 <= remind_days_before <= MAX_REMIND_DAYS:
        raise TrainingError(_("Remind 0 to %(max)d days before expiry.") % {"max": MAX_REMIND_DAYS})
    policy = policy or CertificatePolicy()
    policy.course_id = course_id
    policy.course_name = course_name.strip()
    policy.validity_months = validity_months
    policy.remind_days_before = remind_days_before
    policy.notify_institution_admins = notify_institution_admins
    policy.course_url = course_url.strip()
    try:
        with transaction.atomic():
            # The database's, not the object's: a form may already have changed the object.
            previous_course = (
                CertificatePolicy.objects.filter(pk=policy.pk)
                .values_list("course_id", flat=True)
                .first()
            )
            policy.save()
            for course in {course_id, previous_course} - {None}:
                records_expiry_recompute(course_id=course)
    except IntegrityError:
        raise TrainingError(_("The course already has a validity rule.")) from None
    return policy


@transaction.atomic
def certificate_policy_delete(*, policy: CertificatePolicy) -> None:
    """Remove a rule: the course's certificates no longer expire."""
    course_id = policy.course_id
    policy.delete()
    records_expiry_recompute(course_id=course_id)


@transaction.atomic
def records_expiry_recompute(*, course_id: str) -> int:
    """Apply the course's current rule to every record of the course; returns how many changed.

    The rows are locked, so an event folded at the same moment cannot write an expiry computed
    from the rule that was replaced.
    """
    policy = CertificatePolicy.objects.filter(course_id=course_id).first()
    changed = []
    for record in TrainingRecord.objects.select_for_update().filter(course_id=course_id):
        before = (record.policy_id, record.expires_at, record.remind_at)
        record_expiry_apply(record=record, policy=policy)
        if (record.policy_id, record.expires_at, record.remind_at) != before:
            changed.append(record)
    TrainingRecord.objects.bulk_update(changed, EXPIRY_FIELDS, batch_size=500)
    return len(changed)
