"""Task pages: the task itself, the form to create or change it, status, bulk close, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from collab_service.tasks.errors import TaskError
from collab_service.tasks.forms.other import ChecklistItemForm, CommentForm, StatusForm
from collab_service.tasks.forms.task import TaskForm, task_initial
from collab_service.tasks.models import Task, TaskList
from collab_service.tasks.selectors import assignee_choices, is_overdue, tasks_visible_to
from collab_service.tasks.services.tasks import (
    task_create,
    task_delete,
    task_status_set,
    task_update,
    tasks_bulk_close,
)
from collab_service.tasks.views.common import back, visible_list, visible_task

MAX_BULK = 500


def _form(request: HttpRequest, task_list: TaskList, task: Task | None) -> TaskForm:
    return TaskForm(
        request.POST if request.method == "POST" else None,
        people=assignee_choices(request.user, task_list, task),
        time_zone=task_list.institution.time_zone,
        initial=task_initial(task) if task else {"priority": 0, "status": "open"},
    )


def _fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "description": data["description"],
        "assignees": list(data["assignees"]),
        "start_at": data["start_at"],
        "due_at": data["due_at"],
        "all_day": data["all_day"],
        "priority": data["priority"],
        "status": data["status"],
        "rrule": data["rule"],
        "reminder_minutes": data["reminder"],
    }


def _error_to_form(form: TaskForm, error: TaskError) -> None:
    form.add_error(None, str(error))


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: HttpRequest, pk: int) -> HttpResponse:
    task_list = visible_list(request, pk)
    form = _form(request, task_list, None)
    if request.method == "POST" and form.is_valid():
        try:
            fields = _fields(form.cleaned_data)
            task = task_create(actor=request.user, task_list=task_list, **fields)
        except TaskError as error:
            _error_to_form(form, error)
        else:
            messages.success(request, _("The task is created."))
            return redirect("tasks:detail", pk=task.pk)
    context = {"form": form, "task_list": task_list}
    return render(request, "tasks/task_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    form = _form(request, task.task_list, task)
    if request.method == "POST" and form.is_valid():
        try:
            task_update(actor=request.user, task=task, **_fields(form.cleaned_data))
        except TaskError as error:
            _error_to_form(form, error)
        else:
            messages.success(request, _("The task is saved."))
            return redirect("tasks:detail", pk=task.pk)
    context = {"form": form, "task_list": task.task_list, "task": task}
    return render(request, "tasks/task_form.html", context, status=400 if form.errors else 200)


def detail_context(request: HttpRequest, task: Task, **extra) -> dict:
    context = {
        "task": task,
        "task_list": task.task_list,
        "time_zone": task.task_list.institution.time_zone,
        "assignees": task.assignees.order_by("full_name", "username"),
        "checklist": task.checklist.all(),
        "comments": task.comments.select_related("author"),
        "overdue": is_overdue(task),
        "status_form": StatusForm(initial={"status": task.status}),
        "item_form": ChecklistItemForm(),
        "comment_form": CommentForm(),
        "next_occurrence": Task.objects.filter(previous=task).first(),
    }
    context.update(extra)
    return context


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    return render(request, "tasks/task_detail.html", detail_context(request, task))


@login_required
@require_POST
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses."))
        return back(request, "tasks:detail", task.pk)
    task = task_status_set(actor=request.user, task=task, status=form.cleaned_data["status"])
    messages.success(
        request,
        _("“%(title)s” is now: %(status)s.")
        % {"title": task.title, "status": task.get_status_display()},
    )
    return back(request, "tasks:detail", task.pk)


@login_required
@require_POST
def bulk_close(request: HttpRequest) -> HttpResponse:
    ids = [value for value in request.POST.getlist("tasks") if value.isdigit()][:MAX_BULK]
    if not ids:
        messages.error(request, _("Tick the tasks to mark as done first."))
        return back(request, "tasks:index")
    tasks = tasks_visible_to(request.user).filter(pk__in=[int(value) for value in ids])
    closed = tasks_bulk_close(actor=request.user, tasks=list(tasks))
    messages.success(
        request,
        ngettext("%(count)d task marked as done.", "%(count)d tasks marked as done.", closed)
        % {"count": closed},
    )
    return back(request, "tasks:index")


@login_required
@require_http_methods(["GET", "POST"])
def task_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    if request.method == "POST":
        task_list = task.task_list
        task_delete(actor=request.user, task=task)
        messages.success(request, _("The task is deleted."))
        return redirect("tasks:list", pk=task_list.pk)
    return render(request, "tasks/task_delete.html", {"task": task, "task_list": task.task_list})
