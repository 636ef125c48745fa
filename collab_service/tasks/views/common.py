"""What the task pages share: loading through permissions, redirects back, pagination."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from collab_service.accounts.models import User
from collab_service.institutions.models import Membership, Unit
from collab_service.institutions.selectors import can_manage_unit
from collab_service.tasks.models import Task, TaskList
from collab_service.tasks.selectors import task_lists_visible_to, tasks_visible_to

PER_PAGE = 50


def visible_list(request: HttpRequest, pk: int) -> TaskList:
    return get_object_or_404(task_lists_visible_to(request.user), pk=pk)


def visible_task(request: HttpRequest, pk: int) -> Task:
    return get_object_or_404(tasks_visible_to(request.user), pk=pk)


def back(request: HttpRequest, fallback: str, *args) -> HttpResponse:
    """Redirect to the page named in ``next`` when it is ours, else to ``fallback``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback, *args)


def paginate(request: HttpRequest, items: QuerySet) -> Page:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def units_for_new_lists(user: User) -> QuerySet[Unit]:
    """Units whose shared lists the person may create: managed units and, for admins, all."""
    units = Unit.objects.filter(
        institution_id__in=Membership.objects.filter(user=user).values("institution_id")
    ).select_related("institution")
    allowed = [unit.pk for unit in units if can_manage_unit(user, unit)]
    return units.filter(pk__in=allowed).order_by("institution__name", "name")


def people_in(lists: QuerySet[TaskList]) -> QuerySet[User]:
    """Everyone assigned to a task of these lists (for the filter's choices)."""
    return (
        User.objects.filter(assigned_tasks__task_list__in=lists)
        .distinct()
        .order_by("full_name", "username")
    )
