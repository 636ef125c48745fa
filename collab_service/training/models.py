"""Officials' training records kept from LMS events, and the validity rules of certificates."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_VALIDITY_MONTHS = 600
MAX_REMIND_DAYS = 365


def validate_course_id(value: str) -> None:
    """An LMS course id is one word: a space means a typing slip, and no event would match it."""
    if any(character.isspace() for character in value):
        raise ValidationError(_("A course id has no spaces."), code="spaces")


class EventType(models.TextChoices):
    ENROLLMENT_CREATED = "enrollment_created", _("Enrolled")
    UNENROLLMENT_COMPLETED = "unenrollment_completed", _("Unenrolled")
    CERTIFICATE_CREATED = "certificate_created", _("Certificate issued")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
    PASSING_STATUS_UPDATED = "passing_status_updated", _("Passing status changed")


class CertificatePolicy(models.Model):
    """How long a course's certificate stays valid and when its holders are reminded."""

    course_id = models.CharField(
        _("course id"), max_length=255, unique=True, validators=[validate_course_id]
    )
    course_name = models.CharField(_("course name"), max_length=255, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VALIDITY_MONTHS)],
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before expiry"),
        default=30,
        validators=[MaxValueValidator(MAX_REMIND_DAYS)],
    )
    notify_institution_admins = models.BooleanField(
        _("also e-mail the institution admins"), default=False
    )
    course_url = models.URLField(
        _("course address"),
        max_length=500,
        blank=True,
        help_text=_("Where a reminder sends people; empty: the course's page in the LMS."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course_name", "course_id"]
        verbose_name = _("certificate validity rule")
        verbose_name_plural = _("certificate validity rules")

    def __str__(self) -> str:
        return self.course_name or self.course_id


class TrainingRecord(models.Model):
    """One person's standing in one course, folded from that course's events (services/records)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_records",
        verbose_name=_("person"),
    )
    course_id = models.CharField(_("course id"), max_length=255)
    # The course's Open edX organisation, lower case: whose institution the course is.
    course_org = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    course_name = models.CharField(_("course name"), max_length=255, blank=True)
    policy = models.ForeignKey(
        CertificatePolicy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("certificate validity rule"),
    )
    enrollment_mode = models.CharField(_("enrolment mode"), max_length=100, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled"), null=True, blank=True)
    unenrolled_at = models.DateTimeField(_("unenrolled"), null=True, blank=True)
    passed_at = models.DateTimeField(_("passed"), null=True, blank=True)
    certificate_issued_at = models.DateTimeField(_("certificate issued"), null=True, blank=True)
    certificate_revoked_at = models.DateTimeField(_("certificate revoked"), null=True, blank=True)
    certificate_mode = models.CharField(_("certificate mode"), max_length=100, blank=True)
    certificate_grade = models.CharField(_("grade"), max_length=100, blank=True)
    certificate_status = models.CharField(_("certificate status"), max_length=100, blank=True)
    certificate_download_url = models.CharField(
        _("certificate address"), max_length=500, blank=True
    )
    expires_at = models.DateTimeField(_("certificate expires"), null=True, blank=True)
    remind_at = models.DateTimeField(
        null=True, blank=True, help_text="when the expiry reminder becomes due"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course_name", "course_id"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_id"], name="training_record_once")
        ]
        indexes = [
            models.Index(fields=["course_id"], name="training_record_course"),
            models.Index(fields=["remind_at", "expires_at"], name="training_record_remind"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course_name or self.course_id}"

    @property
    def display_course(self) -> str:
        return (
            self.course_name or (self.policy.course_name if self.policy else "") or self.course_id
        )


class TrainingEvent(models.Model):
    """An event from the LMS as received (validated), kept so records can be refolded."""

    event_id = models.UUIDField(_("event id"), unique=True)
    event_type = models.CharField(_("type"), max_length=30, choices=EventType.choices)
    occurred_at = models.DateTimeField(_("happened"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_events",
        verbose_name=_("person"),
    )
    course_id = models.CharField(_("course id"), max_length=255)
    payload = models.JSONField(_("data"), default=dict)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        indexes = [models.Index(fields=["user", "course_id"], name="training_event_record")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.course_id} ({self.occurred_at:%Y-%m-%d %H:%M})"


class CertificateReminder(models.Model):
    """The marker that a certificate's holder was reminded of one expiry date (sent once)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    record = models.ForeignKey(TrainingRecord, on_delete=models.CASCADE, related_name="reminders")
    expires_at = models.DateTimeField(_("expiry reminded of"))
    recipients = models.JSONField(_("recipients"), default=list)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("certificate expiry reminder")
        verbose_name_plural = _("certificate expiry reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "expires_at"], name="certificate_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record} ({self.expires_at:%Y-%m-%d})"
