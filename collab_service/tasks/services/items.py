"""A task's checklist and comments."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.tasks.errors import TaskError
from collab_service.tasks.models import ChecklistItem, Task, TaskComment, TaskNotification
from collab_service.tasks.services.tasks import require_edit

ITEM_MAX = ChecklistItem._meta.get_field("text").max_length
COMMENT_MAX = TaskComment._meta.get_field("body").max_length
MAX_ITEMS = 200


@transaction.atomic
def checklist_item_add(*, actor: User, task: Task, text: str) -> ChecklistItem:
    require_edit(actor, task.task_list)
    text = text.strip()
    if not text:
        raise TaskError(_("Write what the checklist item is."))
    if len(text) > ITEM_MAX:
        raise TaskError(_("A checklist item is at most 300 characters long."))
    if task.checklist.count() >= MAX_ITEMS:
        raise TaskError(_("A checklist holds at most 200 items."))
    last = task.checklist.aggregate(last=Max("position"))["last"]
    return ChecklistItem.objects.create(
        task=task, text=text, position=0 if last is None else last + 1
    )


@transaction.atomic
def checklist_item_toggle(
    *, actor: User, item: ChecklistItem, is_done: bool | None = None
) -> ChecklistItem:
    """Tick or untick an item (``is_done=None`` flips it)."""
    require_edit(actor, item.task.task_list)
    item.is_done = not item.is_done if is_done is None else is_done
    item.save(update_fields=["is_done"])
    return item


@transaction.atomic
def checklist_item_remove(*, actor: User, item: ChecklistItem) -> None:
    require_edit(actor, item.task.task_list)
    item.delete()


@transaction.atomic
def comment_add(*, actor: User, task: Task, body: str) -> TaskComment:
    """A comment; the assignees and the owner of a personal list (not the author) are told."""
    require_edit(actor, task.task_list)
    body = body.strip()
    if not body:
        raise TaskError(_("Write the comment."))
    if len(body) > COMMENT_MAX:
        raise TaskError(_("A comment is at most 5000 characters long."))
    comment = TaskComment.objects.create(task=task, author=actor, body=body)
    recipients = {person.pk: person for person in task.assignees.all()}
    if task.task_list.owner is not None:
        recipients[task.task_list.owner_id] = task.task_list.owner
    recipients.pop(actor.pk, None)
    for person in recipients.values():
        TaskNotification.objects.create(
            recipient=person,
            task=task,
            kind=TaskNotification.Kind.COMMENT,
            actor=actor,
            comment=comment,
        )
    return comment
