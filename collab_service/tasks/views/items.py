"""A task's checklist and comments, changed from the task page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collab_service.tasks.errors import TaskError
from collab_service.tasks.forms.other import ChecklistItemForm, CommentForm
from collab_service.tasks.services.items import (
    checklist_item_add,
    checklist_item_remove,
    checklist_item_toggle,
    comment_add,
)
from collab_service.tasks.views.common import visible_task
from collab_service.tasks.views.tasks import detail_context


@login_required
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    form = ChecklistItemForm(request.POST)
    if form.is_valid():
        try:
            checklist_item_add(actor=request.user, task=task, text=form.cleaned_data["text"])
        except TaskError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("The item is added to the checklist."))
            return redirect("tasks:detail", pk=task.pk)
    context = detail_context(request, task, item_form=form)
    return render(request, "tasks/task_detail.html", context, status=400)


@login_required
@require_POST
def item_toggle(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    item = get_object_or_404(task.checklist, pk=item_pk)
    item = checklist_item_toggle(actor=request.user, item=item)
    messages.success(
        request,
        (_("“%(text)s” is ticked.") if item.is_done else _("“%(text)s” is unticked."))
        % {"text": item.text},
    )
    return redirect("tasks:detail", pk=task.pk)


@login_required
@require_POST
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    item = get_object_or_404(task.checklist, pk=item_pk)
    checklist_item_remove(actor=request.user, item=item)
    messages.success(request, _("“%(text)s” is removed.") % {"text": item.text})
    return redirect("tasks:detail", pk=task.pk)


@login_required
@require_POST
def comment_new(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_task(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_add(actor=request.user, task=task, body=form.cleaned_data["body"])
        except TaskError as error:
            form.add_error("body", str(error))
        else:
            messages.success(request, _("Your comment is added."))
            return redirect("tasks:detail", pk=task.pk)
    context = detail_context(request, task, comment_form=form)
    return render(request, "tasks/task_detail.html", context, status=400)
