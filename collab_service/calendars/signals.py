"""Write CalDAV pushes into the outbox in the same transaction as the change they report.

Like availability's cache signals, this is bookkeeping that must follow every write path
(services, admin, other apps). Officials without a CalDAV connection cost one small query.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from collab_service.appointments.models import Agenda, Booking
from collab_service.calendars.services.push import push_enqueue
from collab_service.meetings.models import Meeting, Participant
from collab_service.tasks.models import Task, TaskList

UID = "calendars-push"


def _meeting_changed(sender, instance: Meeting, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    users = instance.participants.exclude(user=None).values_list("user_id", flat=True)
    push_enqueue(source=f"meeting:{instance.pk}", user_ids=list(users))


def _participant_changed(sender, instance: Participant, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    push_enqueue(
        source=f"meeting:{instance.meeting_id}",
        user_ids=[instance.user_id] if instance.user_id else [],
    )


def _booking_changed(sender, instance: Booking, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    # A subquery, not a list: this runs in citizens' booking requests, so one query fewer.
    officials = Agenda.objects.filter(pk=instance.agenda_id).values("official_id")
    push_enqueue(source=f"booking:{instance.pk}", user_ids=officials)


def _task_users(task: Task) -> list[int]:
    users = set(task.assignees.values_list("pk", flat=True))
    owner = TaskList.objects.filter(pk=task.task_list_id).values_list("owner_id", flat=True)
    users.update(pk for pk in owner if pk)
    return sorted(users)


def _task_changed(sender, instance: Task, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    push_enqueue(source=f"task:{instance.pk}", user_ids=_task_users(instance))


def _task_deleted(sender, instance: Task, **kwargs) -> None:
    push_enqueue(source=f"task:{instance.pk}", user_ids=[])


def _assignees_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Task):
        push_enqueue(source=f"task:{instance.pk}", user_ids=_task_users(instance))
    else:  # changed from the person's side: user.assigned_tasks.add(...)
        for task_id in pk_set or ():
            push_enqueue(source=f"task:{task_id}", user_ids=[instance.pk])


def connect() -> None:
    post_save.connect(_meeting_changed, sender=Meeting, dispatch_uid=UID)
    post_save.connect(_participant_changed, sender=Participant, dispatch_uid=UID)
    post_delete.connect(_participant_changed, sender=Participant, dispatch_uid=UID)
    post_save.connect(_booking_changed, sender=Booking, dispatch_uid=UID)
    post_save.connect(_task_changed, sender=Task, dispatch_uid=UID)
    post_delete.connect(_task_deleted, sender=Task, dispatch_uid=UID)
    m2m_changed.connect(_assignees_changed, sender=Task.assignees.through, dispatch_uid=UID)
