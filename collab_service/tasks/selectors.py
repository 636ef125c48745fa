"""Reads for tasks: which lists and tasks a person may see, whom they may assign, and filters.

Visibility: a personal list only to its owner; a unit's list to every member of that unit (any
role) and to the institution's admins; platform admins see everything. Nobody else, so lists and
tasks of another institution answer 404.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from collab_service.accounts.models import User
from collab_service.institutions.models import Membership
from collab_service.institutions.selectors import can_manage_unit
from collab_service.tasks.models import Task, TaskList

Role = Membership.Role


def task_lists_visible_to(user: User) -> QuerySet[TaskList]:
    lists = TaskList.objects.select_related("institution", "unit", "owner")
    if user.is_platform_admin:
        return lists
    unit_ids = Membership.objects.filter(user=user, unit__isnull=False).values("unit_id")
    admin_of = Membership.objects.filter(user=user, role=Role.INSTITUTION_ADMIN).values(
        "institution_id"
    )
    return lists.filter(
        Q(owner=user) | Q(unit_id__in=unit_ids) | Q(unit__isnull=False, institution_id__in=admin_of)
    )


def tasks_visible_to(user: User) -> QuerySet[Task]:
    return Task.objects.filter(task_list__in=task_lists_visible_to(user)).select_related(
        "task_list__institution", "task_list__unit", "task_list__owner"
    )


def can_see_list(user: User, task_list: TaskList) -> bool:
    return task_lists_visible_to(user).filter(pk=task_list.pk).exists()


def can_manage_list(user: User, task_list: TaskList) -> bool:
    """Rename, archive and assign anybody: the owner of a personal list; for a unit's list its
    managers, the institution's admins and platform admins."""
    if task_list.is_personal:
        return task_list.owner_id == user.pk or user.is_platform_admin
    return can_manage_unit(user, task_list.unit)


def assignable_people(task_list: TaskList) -> QuerySet[User]:
    """Who may be assigned at all: the owner of a personal list; for a unit's list the unit's
    members and the institution's admins."""
    people = User.objects.filter(is_active=True)
    if task_list.is_personal:
        return people.filter(pk=task_list.owner_id)
    return people.filter(
        Q(memberships__unit_id=task_list.unit_id)
        | Q(
            memberships__institution_id=task_list.institution_id,
            memberships__role=Role.INSTITUTION_ADMIN,
        )
    ).distinct()


def assignee_choices(user: User, task_list: TaskList, task: Task | None = None) -> QuerySet[User]:
    """The people the form offers: everyone assignable for managers, else the person
    themselves and whoever is already assigned (officials may only take tasks on)."""
    people = assignable_people(task_list)
    if not can_manage_list(user, task_list):
        current = list(task.assignees.values_list("pk", flat=True)) if task else []
        people = people.filter(pk__in=[user.pk, *current])
    return people.order_by("full_name", "username")


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def week_bounds(today: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00 of the week holding ``today``, in ``tz``."""
    monday = today - timedelta(days=today.weekday())
    start = datetime.combine(monday, time(0), tzinfo=tz)
    return start, datetime.combine(monday + timedelta(days=7), time(0), tzinfo=tz)


def overdue_q(now: datetime, tz: ZoneInfo) -> Q:
    """Not closed and past due; a task due on a day (no time) is overdue from the next day."""
    today = datetime.combine(timezone.localtime(now, tz).date(), time(0), tzinfo=tz)
    return (Q(all_day=False, due_at__lt=now) | Q(all_day=True, due_at__lt=today)) & ~Q(
        status__in=Task.CLOSED
    )


ORDERINGS = {
    "due": [F("due_at").asc(nulls_last=True), "id"],
    "-due": [F("due_at").desc(nulls_last=True), "-id"],
    "priority": ["priority_rank", F("due_at").asc(nulls_last=True), "id"],
    "created": ["created_at", "id"],
    "-created": ["-created_at", "-id"],
    "title": ["title", "id"],
}


@dataclass(frozen=True)
class TaskFilters:
    status: str = ""
    priority: int | None = None
    assignee: int | None = None
    task_list: int | None = None
    search: str = ""
    assigned_to_me: bool = False
    overdue: bool = False
    due_this_week: bool = False
    ordering: str = "due"


def tasks_filter(
    tasks: QuerySet[Task], *, user: User, filters: TaskFilters, now: datetime | None = None
) -> QuerySet[Task]:
    now = now or timezone.now()
    tz = site_zone()
    if filters.status == "active":
        tasks = tasks.exclude(status__in=Task.CLOSED)
    elif filters.status:
        tasks = tasks.filter(status=filters.status)
    if filters.priority is not None:
        tasks = tasks.filter(priority=filters.priority)
    if filters.assignee is not None:
        tasks = tasks.filter(assignees__pk=filters.assignee)
    if filters.assigned_to_me:
        tasks = tasks.filter(assignees__pk=user.pk)
    if filters.task_list is not None:
        tasks = tasks.filter(task_list_id=filters.task_list)
    if filters.search:
        tasks = tasks.filter(
            Q(title__icontains=filters.search) | Q(description__icontains=filters.search)
        )
    if filters.overdue:
        tasks = tasks.filter(overdue_q(now, tz))
    if filters.due_this_week:
        start, end = week_bounds(timezone.localtime(now, tz).date(), tz)
        tasks = tasks.filter(due_at__gte=start, due_at__lt=end).exclude(status__in=Task.CLOSED)
    rank = Case(
        When(priority=0, then=Value(10)), default=F("priority"), output_field=IntegerField()
    )
    return (
        tasks.annotate(priority_rank=rank)
        .order_by(*ORDERINGS.get(filters.ordering, ORDERINGS["due"]))
        .prefetch_related("assignees")
    )


def is_overdue(task: Task, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if task.due_at is None or task.is_closed:
        return False
    if task.all_day:
        tz = ZoneInfo(task.task_list.institution.time_zone)
        return timezone.localtime(task.due_at, tz).date() < timezone.localtime(now, tz).date()
    return task.due_at < now
