"""Task e-mails: reminders, one batched e-mail per person, the opt-out and its signed link."""

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collab_service.accounts.models import User
from collab_service.notifications.services import email_enqueue
from collab_service.tasks.errors import TaskError
from collab_service.tasks.models import Task, TaskEmailPreference, TaskNotification
from collab_service.tasks.selectors import tasks_visible_to
from collab_service.tasks.services.tasks import MAX_REMINDER_MINUTES, reminder_due_at

UNSUBSCRIBE_SALT = "collab_service.tasks.unsubscribe"
# A reminder is still worth sending this long after its task fell due (the beat may lag).
REMINDER_GRACE = timedelta(hours=1)


def email_preference(user: User) -> TaskEmailPreference:
    """The person's settings; an unsaved default row when they never changed them."""
    return TaskEmailPreference.objects.filter(user=user).first() or TaskEmailPreference(user=user)


@transaction.atomic
def task_email_preference_set(
    *, user: User, enabled: bool, language: str | None = None
) -> TaskEmailPreference:
    preference = email_preference(user)
    preference.enabled = enabled
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise TaskError(_("Choose Polish or English."))
        preference.language = language
    preference.save()
    return preference


def unsubscribe_token(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_user(token: str) -> User:
    """The person an unsubscribe link was made for.

    Raises:
        TaskError: the link was altered, cut short or made for nobody we know.
    """
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=int(data["u"]))
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError):
        message = _("This unsubscribe link is not valid. Check that it is complete.")
        raise TaskError(message) from None
    return user


def _url(name: str, *args) -> str:
    return settings.PUBLIC_URL + reverse(name, args=args)


def task_reminders_send_due(*, now: datetime | None = None) -> int:
    """Queue a reminder for each open task whose reminder time has come, once per due time.

    The assignees are reminded (the owner of a personal list when nobody is assigned).
    Returns the number of tasks reminded.
    """
    now = now or timezone.now()
    candidates = (
        Task.objects.filter(
            reminder_minutes__isnull=False,
            reminder_sent_at__isnull=True,
            due_at__gte=now - REMINDER_GRACE,
            due_at__lte=now + timedelta(minutes=MAX_REMINDER_MINUTES),
        )
        .exclude(status__in=Task.CLOSED)
        .only("pk", "due_at", "reminder_minutes")
    )
    reminded = 0
    for candidate in candidates:
        if reminder_due_at(candidate) > now:
            continue
        with transaction.atomic():
            task = (
                Task.objects.select_for_update()
                .filter(pk=candidate.pk, reminder_sent_at__isnull=True)
                .first()
            )
            if task is None:
                continue
            people = list(task.assignees.all())
            if not people and task.task_list.owner is not None:
                people = [task.task_list.owner]
            for person in people:
                TaskNotification.objects.create(
                    recipient=person, task=task, kind=TaskNotification.Kind.REMINDER
                )
            # Bookkeeping only: the task itself (and so its calendar entry) does not change.
            task.reminder_sent_at = now
            task.save(update_fields=["reminder_sent_at"])
            reminded += 1
    return reminded


def _ready(now: datetime) -> Q:
    window = timedelta(seconds=settings.TASKS_NOTIFY_BATCH_SECONDS)
    return Q(created_at__lte=now - window) | Q(kind=TaskNotification.Kind.REMINDER)


def task_notifications_send_due(*, now: datetime | None = None) -> int:
    """Send each person one e-mail with everything pending past the batching window.

    People who opted out get nothing and their pending notifications are closed all the same.
    Returns the number of e-mails queued.
    """
    now = now or timezone.now()
    recipients = (
        TaskNotification.objects.filter(batched_at__isnull=True)
        .filter(_ready(now))
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in list(recipients):
        with transaction.atomic():
            sent += _send_batch(recipient_id=recipient_id, now=now)
    return sent


def _send_batch(*, recipient_id: int, now: datetime) -> int:
    rows = list(
        TaskNotification.objects.select_for_update()
        .filter(recipient_id=recipient_id, batched_at__isnull=True)
        .filter(_ready(now))
        .order_by("created_at", "pk")
    )
    if not rows:
        return 0
    recipient = User.objects.get(pk=recipient_id)
    TaskNotification.objects.filter(pk__in=[row.pk for row in rows]).update(batched_at=now)
    preference = email_preference(recipient)
    if not preference.enabled or not recipient.email or not recipient.is_active:
        return 0
    visible = set(
        tasks_visible_to(recipient)
        .filter(pk__in={row.task_id for row in rows})
        .values_list("pk", flat=True)
    )
    rows = [row for row in rows if row.task_id in visible]
    if not rows:
        return 0
    with translation.override(preference.language):
        subject, body = _render(recipient, rows)
    email_enqueue(
        idempotency_key=f"tasks-batch-{recipient_id}-{rows[0].pk}-{rows[-1].pk}-{len(rows)}",
        to=[recipient.email],
        subject=subject,
        body_text=body,
    )
    return 1


def _render(recipient: User, rows: list[TaskNotification]) -> tuple[str, str]:
    by_task: dict[int, list[TaskNotification]] = defaultdict(list)
    tasks: dict[int, Task] = {}
    for row in rows:
        by_task[row.task_id].append(row)
    for task in Task.objects.filter(pk__in=by_task).select_related("task_list__institution"):
        tasks[task.pk] = task
    entries = []
    for task_id, events in by_task.items():
        task = tasks[task_id]
        tz = ZoneInfo(task.task_list.institution.time_zone)
        entries.append(
            {
                "task": task,
                "list": task.task_list,
                "due": timezone.localtime(task.due_at, tz) if task.due_at else None,
                "events": events,
                "link": _url("tasks:detail", task.pk),
            }
        )
    subject = ngettext(
        "SZPoN: %(count)d task update", "SZPoN: %(count)d task updates", len(rows)
    ) % {"count": len(rows)}
    body = render_to_string(
        "tasks/email/batch.txt",
        {
            "recipient": recipient,
            "entries": entries,
            "unsubscribe": _url("tasks:unsubscribe", unsubscribe_token(recipient)),
            "settings_link": _url("tasks:settings"),
        },
    )
    return subject, body
