"""Creating, changing, completing and deleting tasks.

Every change saves the task row with ``save()`` and raises ``sequence`` by one: the calendar
push listens to those saves (and to changes of ``assignees``), so nothing here uses
``QuerySet.update()`` or ``bulk_create`` for tasks.
"""

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.tasks.errors import TaskError, TaskForbidden, TaskNotFound
from collab_service.tasks.models import ChecklistItem, Task, TaskList, TaskNotification
from collab_service.tasks.selectors import assignable_people, can_manage_list, can_see_list
from collab_service.tasks.services.recurrence import next_anchor, rrule_normalise

MAX_REMINDER_MINUTES = 4 * 7 * 24 * 60
TITLE_MAX = Task._meta.get_field("title").max_length
DESCRIPTION_MAX = Task._meta.get_field("description").max_length


def require_edit(actor: User, task_list: TaskList) -> None:
    """Raises TaskNotFound unless the actor sees (and so may edit the tasks of) the list."""
    if not can_see_list(actor, task_list):
        raise TaskNotFound(_("No such task list."))


def _check_assignees(
    *, actor: User, task_list: TaskList, people: list[User], current: set[int]
) -> None:
    eligible = set(
        assignable_people(task_list)
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    outside = [person for person in people if person.pk not in eligible]
    if outside:
        names = ", ".join(sorted(person.display_name for person in outside))
        if task_list.is_personal:
            raise TaskError(
                _("Only the owner of a personal list can be assigned its tasks: %(names)s")
                % {"names": names}
            )
        raise TaskError(
            _("These people are not members of the unit %(unit)s: %(names)s")
            % {"unit": task_list.unit.name, "names": names}
        )
    if can_manage_list(actor, task_list):
        return
    others = {person.pk for person in people} - current - {actor.pk}
    if others:
        raise TaskForbidden(
            _("Only the unit's manager can assign other people; you can assign yourself.")
        )


def _local_midnight(moment: datetime | None, tz: ZoneInfo) -> datetime | None:
    if moment is None:
        return None
    return datetime.combine(timezone.localtime(moment, tz).date(), time(0), tzinfo=tz)


def _check_fields(task: Task) -> None:
    title = task.title.strip()
    if not title:
        raise TaskError(_("Give the task a title."))
    if len(title) > TITLE_MAX:
        raise TaskError(_("The title is too long (at most 200 characters)."))
    if len(task.description) > DESCRIPTION_MAX:
        raise TaskError(_("The description is too long (at most 10000 characters)."))
    task.title = title
    if task.start_at and task.due_at and task.due_at < task.start_at:
        raise TaskError(_("The due date must not be before the start."))
    task.rrule = rrule_normalise(task.rrule, anchor=task.due_at or task.start_at)
    if task.rrule and task.due_at is None and task.start_at is None:
        raise TaskError(_("A repeating task needs a due date."))
    if task.reminder_minutes is not None:
        if task.due_at is None:
            raise TaskError(_("A reminder needs a due date."))
        if not 0 <= task.reminder_minutes <= MAX_REMINDER_MINUTES:
            raise TaskError(_("A reminder can be at most four weeks before the due date."))
    if task.priority not in Task.Priority.values:
        raise TaskError(_("Choose a priority: 0 (none), 1 (high), 5 (normal) or 9 (low)."))
    if task.status not in Task.Status.values:
        raise TaskError(_("Choose a status: open, in_progress, done or cancelled."))


def _notify_assigned(task: Task, people: Iterable[User], actor: User) -> None:
    for person in people:
        if person.pk != actor.pk:
            TaskNotification.objects.create(
                recipient=person, task=task, kind=TaskNotification.Kind.ASSIGNED, actor=actor
            )


def _bump(task: Task) -> None:
    task.sequence += 1
    task.save()


@transaction.atomic
def task_create(
    *,
    actor: User,
    task_list: TaskList,
    title: str,
    description: str = "",
    assignees: Iterable[User] = (),
    start_at: datetime | None = None,
    due_at: datetime | None = None,
    all_day: bool = False,
    priority: int = Task.Priority.NONE,
    status: str = Task.Status.OPEN,
    rrule: str = "",
    reminder_minutes: int | None = None,
) -> Task:
    """A new task; the people assigned (other than the actor) are told by e-mail.

    Raises:
        TaskError: bad dates, rule, reminder or text, or an assignee outside the list's unit.
        TaskForbidden: an official assigning somebody other than themselves.
        TaskNotFound: the actor does not see the list.
    """
    require_edit(actor, task_list)
    people = list(assignees)
    _check_assignees(actor=actor, task_list=task_list, people=people, current=set())
    tz = ZoneInfo(task_list.institution.time_zone)
    if all_day:
        start_at, due_at = _local_midnight(start_at, tz), _local_midnight(due_at, tz)
    task = Task(
        task_list=task_list,
        title=title,
        description=description,
        start_at=start_at,
        due_at=due_at,
        all_day=all_day,
        priority=priority,
        status=status,
        rrule=rrule,
        reminder_minutes=reminder_minutes,
        created_by=actor,
    )
    _check_fields(task)
    if task.is_closed:
        task.completed_at = timezone.now()
    task.save()
    if people:
        task.assignees.set(people)
        _notify_assigned(task, people, actor)
    return task


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: Task,
    title: str,
    description: str,
    assignees: Iterable[User],
    start_at: datetime | None,
    due_at: datetime | None,
    all_day: bool,
    priority: int,
    status: str,
    rrule: str,
    reminder_minutes: int | None,
) -> Task:
    """Change every field of a task; a new status goes through ``task_status_set``'s rules."""
    require_edit(actor, task.task_list)
    task = Task.objects.select_for_update().select_related("task_list__institution").get(pk=task.pk)
    people = list(assignees)
    current = set(task.assignees.values_list("pk", flat=True))
    _check_assignees(actor=actor, task_list=task.task_list, people=people, current=current)
    tz = ZoneInfo(task.task_list.institution.time_zone)
    if all_day:
        start_at, due_at = _local_midnight(start_at, tz), _local_midnight(due_at, tz)
    if due_at != task.due_at or reminder_minutes != task.reminder_minutes:
        task.reminder_sent_at = None
    old_status = task.status
    task.title, task.description = title, description
    task.start_at, task.due_at, task.all_day = start_at, due_at, all_day
    task.priority, task.rrule, task.reminder_minutes = priority, rrule, reminder_minutes
    task.status = status
    _check_fields(task)
    _status_effects(task, old_status=old_status)
    if {person.pk for person in people} != current:
        task.assignees.set(people)
        added = [person for person in people if person.pk not in current]
        _notify_assigned(task, added, actor)
    _bump(task)
    _next_occurrence_if_done(task, old_status=old_status)
    return task


def _status_effects(task: Task, *, old_status: str) -> None:
    if task.status == old_status:
        return
    task.completed_at = timezone.now() if task.status in Task.CLOSED else None


def _next_occurrence_if_done(task: Task, *, old_status: str) -> Task | None:
    if task.status != Task.Status.DONE or old_status == Task.Status.DONE:
        return None
    return task_next_occurrence_create(task=task)


def task_next_occurrence_create(*, task: Task) -> Task | None:
    """The next occurrence of a completed repeating task, once; None when the rule is exhausted.

    It keeps the list, title, description, priority, people, reminder and rule; its dates move
    by the rule on the institution's wall clock; its checklist is copied unticked.
    """
    if not task.rrule or Task.objects.filter(previous=task).exists():
        return None
    anchor = task.due_at or task.start_at
    following = next_anchor(task)
    if anchor is None or following is None:
        return None
    tz = ZoneInfo(task.task_list.institution.time_zone)

    def moved(moment: datetime | None) -> datetime | None:
        if moment is None:
            return None
        offset = timezone.localtime(anchor, tz).replace(tzinfo=None) - timezone.localtime(
            moment, tz
        ).replace(tzinfo=None)
        wall = following.replace(tzinfo=None) - offset
        return wall.replace(tzinfo=tz)

    nxt = Task.objects.create(
        task_list=task.task_list,
        title=task.title,
        description=task.description,
        start_at=moved(task.start_at),
        due_at=moved(task.due_at),
        all_day=task.all_day,
        priority=task.priority,
        rrule=task.rrule,
        reminder_minutes=task.reminder_minutes,
        previous=task,
        position=task.position,
        created_by=task.created_by,
    )
    people = list(task.assignees.all())
    if people:
        nxt.assignees.set(people)
    for item in task.checklist.all():
        ChecklistItem.objects.create(task=nxt, text=item.text, position=item.position)
    return nxt


@transaction.atomic
def task_status_set(*, actor: User, task: Task, status: str) -> Task:
    """Move a task to another status; marking a repeating task done creates its next
    occurrence (only once, however often it is marked done)."""
    require_edit(actor, task.task_list)
    if status not in Task.Status.values:
        raise TaskError(_("Choose a status: open, in_progress, done or cancelled."))
    task = Task.objects.select_for_update().select_related("task_list__institution").get(pk=task.pk)
    old_status = task.status
    if status == old_status:
        return task
    task.status = status
    _status_effects(task, old_status=old_status)
    _bump(task)
    _next_occurrence_if_done(task, old_status=old_status)
    return task


def tasks_bulk_close(*, actor: User, tasks: Iterable[Task]) -> int:
    """Mark done each given task the actor may edit and that is still open; returns how many.

    Each task is saved on its own (with its next occurrence, if it repeats).
    """
    closed = 0
    for task in tasks:
        if task.is_closed or not can_see_list(actor, task.task_list):
            continue
        with transaction.atomic():
            locked = Task.objects.select_for_update().get(pk=task.pk)
            if locked.is_closed:
                continue
            task_status_set(actor=actor, task=locked, status=Task.Status.DONE)
            closed += 1
    return closed


@transaction.atomic
def task_delete(*, actor: User, task: Task) -> None:
    require_edit(actor, task.task_list)
    task.delete()


def reminder_due_at(task: Task) -> datetime | None:
    if task.due_at is None or task.reminder_minutes is None:
        return None
    return task.due_at - timedelta(minutes=task.reminder_minutes)
