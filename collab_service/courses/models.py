"""What the Open edX blocks of a course are tied to here: a meeting per live-meeting block, a
case type per consultation block, and the bookings learners made from a course."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collab_service.appointments.models import Booking, CaseType
from collab_service.meetings.models import Meeting

KEY_LENGTH = 255  # Open edX course and usage keys


class CourseMeeting(models.Model):
    """The live-meeting block ``block_id`` of a course and the meeting it holds.

    A scheduled meeting has the block's times; an on-demand one is opened by a host for its
    duration (``started_at``) and may be opened again after it ended.
    """

    class Schedule(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        ON_DEMAND = "on_demand", _("On demand")

    block_id = models.CharField(_("block"), max_length=KEY_LENGTH, unique=True)
    course_id = models.CharField(_("course"), max_length=KEY_LENGTH, db_index=True)
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="course_meeting")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    schedule = models.CharField(
        _("schedule"), max_length=10, choices=Schedule.choices, default=Schedule.SCHEDULED
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=60)
    hosts = models.JSONField(_("hosts (LMS usernames)"), default=list, blank=True)
    guest_access = models.BooleanField(_("guests may join"), default=False)
    completion_minutes = models.PositiveSmallIntegerField(
        _("minutes that count as attended"), default=0
    )
    started_at = models.DateTimeField(_("opened on demand at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course_id", "pk"]
        verbose_name = _("course meeting")
        verbose_name_plural = _("course meetings")

    def __str__(self) -> str:
        return self.block_id


class CourseConsultation(models.Model):
    """The consultation block ``block_id`` of a course: learners book the case type."""

    block_id = models.CharField(_("block"), max_length=KEY_LENGTH, unique=True)
    course_id = models.CharField(_("course"), max_length=KEY_LENGTH, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    case_type = models.ForeignKey(
        CaseType, on_delete=models.CASCADE, related_name="course_consultations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course_id", "pk"]
        verbose_name = _("course consultation")
        verbose_name_plural = _("course consultations")

    def __str__(self) -> str:
        return self.title


class LearnerBooking(models.Model):
    """A booking a learner made from a consultation block, tied to their account."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="learner")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_bookings"
    )
    course_id = models.CharField(_("course"), max_length=KEY_LENGTH)
    block_id = models.CharField(_("block"), max_length=KEY_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("learner booking")
        verbose_name_plural = _("learner bookings")
        indexes = [models.Index(fields=["user", "created_at"], name="learner_booking_user")]

    def __str__(self) -> str:
        return f"{self.user} {self.booking}"
