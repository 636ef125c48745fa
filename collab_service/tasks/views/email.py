"""Task e-mail settings for signed-in people, and the unsubscribe link that needs no sign-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collab_service.tasks.errors import TaskError
from collab_service.tasks.forms.other import EmailSettingsForm
from collab_service.tasks.services.notifications import (
    email_preference,
    task_email_preference_set,
    unsubscribe_user,
)


@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request: HttpRequest) -> HttpResponse:
    preference = email_preference(request.user)
    language = preference.language if preference.pk else request.LANGUAGE_CODE
    form = EmailSettingsForm(
        request.POST or None, initial={"enabled": preference.enabled, "language": language}
    )
    if request.method == "POST" and form.is_valid():
        task_email_preference_set(
            user=request.user,
            enabled=form.cleaned_data["enabled"],
            language=form.cleaned_data["language"],
        )
        messages.success(
            request,
            _("You will get e-mails about your tasks.")
            if form.cleaned_data["enabled"]
            else _("You will get no more e-mails about tasks."),
        )
        return redirect("tasks:settings")
    status = 400 if form.errors else 200
    return render(request, "tasks/settings.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        person = unsubscribe_user(token)
    except TaskError as error:
        context = {"error": str(error)}
        return render(request, "tasks/unsubscribe.html", context, status=400)
    done = False
    if request.method == "POST":
        task_email_preference_set(user=person, enabled=False)
        done = True
    context = {"person": person, "done": done}
    return render(request, "tasks/unsubscribe.html", context)
