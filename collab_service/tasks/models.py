"""Task lists of a unit or of one official, their tasks, checklists, comments and e-mail batches."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collab_service.institutions.models import Institution, Unit


class TaskList(models.Model):
    """A unit's shared list (``unit`` set) or one official's personal to-dos (``owner`` set)."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="task_lists"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="task_lists"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_task_lists",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("task list")
        verbose_name_plural = _("task lists")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, owner__isnull=False)
                | models.Q(unit__isnull=False, owner__isnull=True),
                name="task_list_unit_or_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_personal(self) -> bool:
        return self.owner_id is not None


class Task(models.Model):
    """One task; ``uid`` is its stable iCalendar UID, ``sequence`` grows with every change."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Priority(models.IntegerChoices):
        # iCalendar PRIORITY values (RFC 5545 3.8.1.9): 1 highest, 9 lowest, 0 undefined.
        NONE = 0, _("None")
        HIGH = 1, _("High")
        NORMAL = 5, _("Normal")
        LOW = 9, _("Low")

    CLOSED = (Status.DONE, Status.CANCELLED)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_list = models.ForeignKey(TaskList, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_tasks",
        verbose_name=_("assignees"),
    )
    start_at = models.DateTimeField(_("start"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    all_day = models.BooleanField(
        _("dates without a time"),
        default=False,
        help_text="start_at/due_at hold local midnight of their day",
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NONE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    rrule = models.CharField(
        _("repeats"), max_length=300, blank=True, help_text="RFC 5545 RRULE without the prefix"
    )
    previous = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_occurrence",
        help_text="the occurrence of a repeating task this one follows",
    )
    reminder_minutes = models.PositiveIntegerField(
        _("reminder, minutes before due"), null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    position = models.IntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["task_list", "status"], name="task_list_status"),
            models.Index(fields=["status", "due_at"], name="task_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_at__isnull=True)
                | models.Q(due_at__isnull=True)
                | models.Q(due_at__gte=models.F("start_at")),
                name="task_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


class ChecklistItem(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(_("item"), max_length=300)
    is_done = models.BooleanField(_("done"), default=False)
    position = models.IntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class TaskComment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:50]


class TaskNotification(models.Model):
    """Something to tell a person about a task; pending ones are sent together in one e-mail."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned to you")
        COMMENT = "comment", _("New comment")
        REMINDER = "reminder", _("Reminder")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_notifications"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.ForeignKey(TaskComment, on_delete=models.CASCADE, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    batched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["batched_at", "created_at"], name="task_notif_pending")]

    def __str__(self) -> str:
        return f"{self.kind} {self.task_id} → {self.recipient_id}"


class TaskEmailPreference(models.Model):
    """A person's opt-out from task e-mails (absence of a row means they want them)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_email_preference"
    )
    enabled = models.BooleanField(_("send me e-mails about tasks"), default=True)
    language = models.CharField(
        _("language of the e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.enabled}"
