"""Pages of task lists: the index with the views across lists, a list as table or board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collab_service.tasks.errors import TaskError
from collab_service.tasks.forms.other import StatusForm, TaskFilterForm, TaskListForm
from collab_service.tasks.models import Task, TaskList
from collab_service.tasks.selectors import (
    can_manage_list,
    task_lists_visible_to,
    tasks_filter,
    tasks_visible_to,
)
from collab_service.tasks.services.lists import (
    task_list_archive,
    task_list_create,
    task_list_update,
)
from collab_service.tasks.views.common import (
    paginate,
    people_in,
    units_for_new_lists,
    visible_list,
)

VIEWS = {
    "assigned": {"assigned_to_me": True},
    "overdue": {"overdue": True},
    "week": {"due_this_week": True},
    "all": {},
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "assigned")
    if view not in VIEWS:
        view = "assigned"
    lists = task_lists_visible_to(request.user).filter(is_archived=False)
    form = TaskFilterForm(request.GET, people=people_in(lists), lists=lists)
    filters = form.filters(**VIEWS[view])
    tasks = tasks_filter(
        tasks_visible_to(request.user).filter(task_list__is_archived=False),
        user=request.user,
        filters=filters,
    )
    context = {
        "lists": lists.order_by("owner_id", "name"),
        "view": view,
        "views": [
            ("assigned", _("Assigned to me")),
            ("overdue", _("Overdue")),
            ("week", _("Due this week")),
            ("all", _("All tasks")),
        ],
        "form": form,
        "page": paginate(request, tasks),
        "show_list": True,
        "can_create_list": True,
    }
    return render(request, "tasks/index.html", context)


@login_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task_list = visible_list(request, pk)
    layout = "board" if request.GET.get("layout") == "board" else "list"
    tasks = tasks_visible_to(request.user).filter(task_list=task_list)
    people = people_in(TaskList.objects.filter(pk=task_list.pk))
    form = TaskFilterForm(request.GET, people=people, lists=None)
    filters = form.filters()
    tasks = tasks_filter(tasks, user=request.user, filters=filters)
    context = {
        "task_list": task_list,
        "layout": layout,
        "form": form,
        "can_manage": can_manage_list(request.user, task_list),
    }
    if layout == "board":
        context["columns"] = [
            (value, label, [task for task in tasks if task.status == value])
            for value, label in Task.Status.choices
        ]
        context["status_choices"] = Task.Status.choices
        context["status_form"] = StatusForm()
    else:
        context["page"] = paginate(request, tasks)
    return render(request, "tasks/list_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def list_new(request: HttpRequest) -> HttpResponse:
    form = TaskListForm(request.POST or None, units=units_for_new_lists(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task_list = task_list_create(
                actor=request.user,
                name=data["name"],
                description=data["description"],
                unit=data["unit"],
            )
        except TaskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The list is created."))
            return redirect("tasks:list", pk=task_list.pk)
    status = 400 if form.errors else 200
    return render(request, "tasks/list_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def list_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task_list = visible_list(request, pk)
    if not can_manage_list(request.user, task_list):
        raise Http404
    form = TaskListForm(
        request.POST or None,
        initial={"name": task_list.name, "description": task_list.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            task_list_update(
                actor=request.user,
                task_list=task_list,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except TaskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The list is saved."))
            return redirect("tasks:list", pk=task_list.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "task_list": task_list}
    return render(request, "tasks/list_form.html", context, status=status)


@login_required
@require_POST
def list_archive(request: HttpRequest, pk: int) -> HttpResponse:
    task_list = visible_list(request, pk)
    archived = request.POST.get("archived", "1") != "0"
    try:
        task_list_archive(actor=request.user, task_list=task_list, archived=archived)
    except TaskError as error:
        messages.error(request, str(error))
        return redirect("tasks:list", pk=task_list.pk)
    if archived:
        messages.success(request, _("The list is archived."))
        return redirect("tasks:index")
    messages.success(request, _("The list is restored."))
    return redirect("tasks:list", pk=task_list.pk)
